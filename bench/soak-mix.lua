-- bench/soak's background mix: writes, list walks and malformed requests of the kinds issue 16 found, at
-- SOAK_RATE requests/s over all connections. Counts 4xx, 5xx and errors that are not problem details.
local ids = {}
for line in io.lines(os.getenv("SOAK_IDS")) do ids[#ids + 1] = line end
local rate = tonumber(os.getenv("SOAK_RATE") or "0")
local connections = tonumber(os.getenv("SOAK_CONNECTIONS") or "1")
local threads = {}
local json = { ["Content-Type"] = "application/json" }
local huge = string.rep("x", 10240)
local n = 0

local function id() return ids[math.random(#ids)] end

local kinds = {
  function() return wrk.format("POST", "/api/widgets", json, '{"name":"mix ' .. n .. '"}') end,
  function() return wrk.format("GET", "/api/widgets/" .. id()) end,
  function() return wrk.format("GET", "/api/widgets?limit=5") end,
  function() return wrk.format("GET", "/api/widgets?status=ACTIVE&limit=3") end,
  function() return wrk.format("GET", "/api/widgets?cursor=%") end,
  function() return wrk.format("GET", "/api/widgets?status=%ZZ") end,
  function() return wrk.format("GET", "/api/widgets?=x") end,
  function() return wrk.format("GET", "/api/widgets?cursor=bm9pc2Ugbm90IGEgY3Vyc29y") end,
  function() return wrk.format("GET", "/api/widgets?limit=-1") end,
  function() return wrk.format("GET", "/api/widgets?q=" .. huge) end,
  function() return wrk.format("GET", "/api/widgets/not-a-uuid") end,
  function() return wrk.format("GET", "/api/widgets/00000000-0000-7000-8000-000000000000") end,
  function() return wrk.format("POST", "/api/widgets", { ["Content-Type"] = "*/*" }, '{"name":"x"}') end,
  function() return wrk.format("POST", "/api/widgets", { ["Content-Type"] = "application/*" }, '{"name":"x"}') end,
  function() return wrk.format("POST", "/api/widgets", json, '{"name":') end,
  function() return wrk.format("POST", "/api/widgets", json, '{"name":["not","a","string"]}') end,
  function() return wrk.format("PATCH", "/api/widgets/" .. id(), { ["Content-Type"] = "application/json", ["If-Match"] = '"bogus"' }, '{"name":"y"}') end,
  function() return wrk.format("PATCH", "/api/widgets/" .. id(), { ["Content-Type"] = "application/json", ["If-Match"] = huge }, '{"name":"y"}') end,
  function() return wrk.format("PATCH", "/api/widgets/" .. id(), { ["Content-Type"] = "application/json", ["Accept"] = "text/html" }, '{"name":"z"}') end,
  function() return wrk.format("TRACE", "/api/widgets") end,
  function() return wrk.format("DELETE", "/api/widgets/not-a-uuid") end,
}

function setup(thread) table.insert(threads, thread) end

function init(args)
  fourxx = 0; fivexx = 0; notproblem = 0
  -- wrk.format drops wrk's -H headers when given headers of its own: the token goes in too.
  json["Authorization"] = wrk.headers["Authorization"]
end

function delay() if rate > 0 then return connections * 1000 / rate end return 0 end

function request()
  n = n + 1
  return kinds[(n % #kinds) + 1]()
end

function response(status, headers, body)
  if status >= 500 then fivexx = fivexx + 1 elseif status >= 400 then fourxx = fourxx + 1 end
  if status >= 400 then
    local type = headers["Content-Type"] or headers["content-type"] or ""
    if not string.find(type, "application/problem+json", 1, true) then notproblem = notproblem + 1 end
  end
end

function done(summary, latency, requests)
  local four, five, other = 0, 0, 0
  for _, thread in ipairs(threads) do
    four = four + thread:get("fourxx")
    five = five + thread:get("fivexx")
    other = other + thread:get("notproblem")
  end
  io.write("4xx " .. four .. "\n5xx " .. five .. "\nnot-problem " .. other .. "\n")
end
