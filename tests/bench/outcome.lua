-- wrk script for the outcome POST: each request resolves a different acknowledged referral
-- (ids from the file IDS, split between threads) with a unique Idempotency-Key.
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local token = os.getenv("TOKEN")
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
local body = '{"appointment_date":"2026-11-20","result_date":"2026-11-20","result":"services_provided",' ..
             '"comments":"bench","version":1}'
local i = 0
request = function()
  local index = offset + 1 + i * 2
  i = i + 1
  local id = ids[((index - 1) % #ids) + 1]
  return wrk.format("POST", "/api/referrals/" .. id .. "/outcome",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
     ["Idempotency-Key"] = "bench-" .. offset .. "-" .. i .. "-" .. id}, body)
end
