-- Adds a schedule unless one of its name exists, and files its name: one step, one slot.
-- KEYS[1] the names set, KEYS[2] the schedule hash; ARGV[1] the name, then field, value pairs.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return NOT_DONE
end
redis.call('HSET', KEYS[2], unpack(ARGV, 2))
redis.call('SADD', KEYS[1], ARGV[1])
return DONE
