-- Stores a new workflow unless one with that id exists.
-- KEYS[1] workflow hash; ARGV field, value, ... ; returns 1 when created, 0 when it existed.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
