// PostgreSQL's own parser (npm libpg-query: the server's grammar compiled to WebAssembly) on each
// file named on stdin, one path a line; prints one JSON line per file: accepted, or the error and
// its line. Parsing only: an unknown function or type still parses, a foreign statement shape does not.
const fs = require("fs");
const { loadModule, parseSync } = require(process.argv[2]);

loadModule().then(() => {
  const files = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
  for (const file of files) {
    const sql = fs.readFileSync(file, "utf8");
    try {
      if (sql !== "") parseSync(sql); // an empty file is no statement, in any dialect

      console.log(JSON.stringify({ file, accepted: true }));
    } catch (error) {
      const at = error.sqlDetails ? error.sqlDetails.cursorPosition : -1;
      const line = at >= 0 ? sql.slice(0, at).split("\n").length : 0;
      console.log(JSON.stringify({ file, accepted: false, error: error.message, line }));
    }
  }
});
