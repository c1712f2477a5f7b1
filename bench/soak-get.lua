-- bench/soak's steady load: GET one widget, at SOAK_RATE requests/s over all connections (0: as fast as it
-- goes), counting 5xx answers.
local ids = {}
for line in io.lines(os.getenv("SOAK_IDS")) do ids[#ids + 1] = line end
local rate = tonumber(os.getenv("SOAK_RATE") or "0")
local connections = tonumber(os.getenv("SOAK_CONNECTIONS") or "1")
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args) fivexx = 0 end

function delay() if rate > 0 then return connections * 1000 / rate end return 0 end

function request() return wrk.format("GET", "/api/widgets/" .. ids[math.random(#ids)]) end

function response(status, headers, body) if status >= 500 then fivexx = fivexx + 1 end end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("fivexx") end
  io.write("5xx " .. total .. "\n")
end
