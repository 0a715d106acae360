-- Moves a workflow on, compare-and-set on its current entry.
-- KEYS[1] workflow hash, KEYS[2] history list, KEYS[3] the next entry's hash (any key of the
-- workflow when finishing).
-- ARGV[1] expected entry, ARGV[2] history record (JSON), ARGV[3] 'enter' or 'finish',
-- ARGV[4] 1 if this move takes an error edge, ARGV[5] time (ms)
-- enter:  ARGV[6] phase, ARGV[7] next entry number, ARGV[8..] the new entry's field, value pairs
-- finish: ARGV[6] final status, ARGV[7] retention in seconds, ARGV[8] key prefix of the workflow
-- Returns {1} when it entered, {1, definition, created ms} when it finished (for the listing
-- index), {0} when the workflow is not running at the expected entry (a repeat).
local wf = redis.call('HMGET', KEYS[1], 's', 'e', 'd', 'c')
if wf[1] ~= 'R' or wf[2] ~= ARGV[1] then
  return {0}
end
-- The start (entry 0 -> 1) is not stored: it is read back from the workflow's creation time and
-- its first entry, which saves a whole key per workflow that has not moved yet.
if ARGV[1] ~= '0' then
  redis.call('RPUSH', KEYS[2], ARGV[2])
end
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[1], 'x', '1')
end
if ARGV[3] == 'enter' then
  redis.call('HSET', KEYS[3], unpack(ARGV, 8))
  redis.call('HSET', KEYS[1], 'p', ARGV[6], 'e', ARGV[7], 'u', ARGV[5])
  return {1}
end
redis.call('HSET', KEYS[1], 's', ARGV[6], 'u', ARGV[5])
-- A finished workflow keeps its keys for the retention period only, all of them.
local ttl = tonumber(ARGV[7])
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[2], ttl)
for n = 1, tonumber(wf[2]) do
  redis.call('EXPIRE', ARGV[8] .. ':e:' .. n, ttl)
end
return {1, wf[3], wf[4]}
