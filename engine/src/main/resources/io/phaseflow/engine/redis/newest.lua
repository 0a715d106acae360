-- Reads only: the ARGV[2] newest listing keys older than ARGV[1] ('' for no cursor) across KEYS,
-- newest first. KEYS are one shard's index sets (its buckets, statuses and definitions): one slot,
-- so a page costs one call per shard, not one read per set.
-- Each set is read chunk members at a time, newest first, and only as far as the merge takes it:
-- a page of 20 reads about 20 + chunk x sets members, not 20 x sets.
local chunk = 4
local want = tonumber(ARGV[2])
local max = '+'
if ARGV[1] ~= '' then max = '(' .. ARGV[1] end
-- A listing key starts with its creation time, 15 digits: compared as a number, then the ids
-- byte by byte as ZRANGEBYLEX orders them (Lua's own '<' on strings follows the server's locale).
local function created(m) return tonumber(string.sub(m, 1, 15)) end
local function newer(a, b)
  if a.at ~= b.at then return a.at > b.at end
  local x, y = a.items[a.next], b.items[b.next]
  for i = 17, math.min(#x, #y) do
    local p, q = string.byte(x, i), string.byte(y, i)
    if p ~= q then return p > q end
  end
  return #x > #y
end
local runs = {}
for _, set in ipairs(KEYS) do
  local some = redis.call('ZREVRANGEBYLEX', set, max, '-', 'LIMIT', 0, chunk)
  if #some > 0 then
    runs[#runs + 1] = {set = set, items = some, next = 1, at = created(some[1])}
  end
end
local out = {}
while #out < want and #runs > 0 do
  local best = 1
  for r = 2, #runs do
    if newer(runs[r], runs[best]) then best = r end
  end
  local run = runs[best]
  local taken = run.items[run.next]
  out[#out + 1] = taken
  run.next = run.next + 1
  if run.next > #run.items then
    if #run.items == chunk then -- a full chunk: the set may hold more
      run.items = redis.call('ZREVRANGEBYLEX', run.set, '(' .. taken, '-', 'LIMIT', 0, chunk)
    else
      run.items = {}
    end
    run.next = 1
  end
  if #run.items == 0 then
    table.remove(runs, best)
  else
    run.at = created(run.items[run.next])
  end
end
return out
