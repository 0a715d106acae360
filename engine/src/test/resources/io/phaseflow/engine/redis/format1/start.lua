-- Creates a workflow already in its first entry, atomically; nothing when the id exists.
-- KEYS[1] workflow hash, KEYS[2] the first entry's hash
-- ARGV[1] number of workflow fields N, ARGV[2 .. 1+2N] workflow field/value pairs, then the entry's
-- field/value pairs. Returns 1 when created, 0 when the workflow existed.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local n = tonumber(ARGV[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * n))
redis.call('HSET', KEYS[2], unpack(ARGV, 2 + 2 * n))
return 1
