-- wrk script shared by every server: rotates organizations and pages the same way.
-- PATH: a template with {org} and {page}; TOKENS: space-separated bearer tokens, one per
-- organization in order (empty for servers without sign-in).
local template = os.getenv("PATH_TEMPLATE")
local tokens = {}
for token in string.gmatch(os.getenv("TOKENS") or "", "%S+") do tokens[#tokens + 1] = token end
local n = 0
request = function()
  n = n + 1
  local org = (n % 7) + 1
  local page = (math.floor(n / 7) % 5) + 1
  local path = template:gsub("{org}", tostring(org)):gsub("{page}", tostring(page))
  local headers = {}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[((org - 1) % #tokens) + 1] end
  return wrk.format("GET", path, headers)
end
