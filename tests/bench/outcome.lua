-- wrk script for the outcome POST: each request resolves a different acknowledged referral
-- with a unique Idempotency-Key. IDS: lines "referral_id token" (the receiving organization's
-- session), split between the threads.
local ids, tokens = {}, {}
for line in io.lines(os.getenv("IDS")) do
  local id, token = line:match("(%S+)%s+(%S+)")
  if id then ids[#ids + 1] = id; tokens[#tokens + 1] = token end
end
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
local body = '{"appointment_date":"2026-11-20","result_date":"2026-11-20","result":"services_provided",' ..
             '"comments":"bench","version":1}'
local i = 0
request = function()
  local index = ((offset + i * 2) % #ids) + 1
  i = i + 1
  return wrk.format("POST", "/api/referrals/" .. ids[index] .. "/outcome",
    {["Authorization"] = "Bearer " .. tokens[index], ["Content-Type"] = "application/json",
     ["Idempotency-Key"] = "bench-" .. offset .. "-" .. i .. "-" .. ids[index]}, body)
end
