-- Creates a workflow already in its first entry and lists it, atomically; nothing when the id
-- exists. Every key is in the workflow's shard: one slot.
-- KEYS[1] workflow hash, KEYS[2] the first entry's hash, KEYS[3] the running index set of the
-- workflow's bucket and definition, KEYS[4] the shard's set of indexed definitions
-- ARGV[1] listing key, ARGV[2] definition, ARGV[3] number of workflow fields N,
-- ARGV[4 .. 3+2N] workflow field/value pairs, then the entry's field/value pairs.
-- Returns DONE when created, NOT_DONE when the workflow existed.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return NOT_DONE
end
local n = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], unpack(ARGV, 4, 3 + 2 * n))
redis.call('HSET', KEYS[2], unpack(ARGV, 4 + 2 * n))
-- Its staged pages (see EntryWriter) are the entry's now: they no longer expire.
for _, k in ipairs(entry_keys(KEYS[2])) do
  if k ~= KEYS[2] then redis.call('PERSIST', k) end
end
redis.call('ZADD', KEYS[3], 0, ARGV[1])
redis.call('SADD', KEYS[4], ARGV[2])
return DONE
