-- Takes a lease for a job attempt of a limited handler, or says when to ask again: LeaseRules,
-- line for line. All keys carry the handler's own hash tag (one slot per handler, never the
-- workflow's), so releasing is a separate command after a completion.
-- KEYS[1] the handler's leases (member attempt, score expiry), KEYS[2] its attempts deferred
-- (score when due), KEYS[3] the rate limiter's arrival time
-- ARGV[1] member, ARGV[2] expiry (ms), ARGV[3] now (ms), ARGV[4] max concurrent (0: none),
-- ARGV[5] rate interval (ms, 0: none), ARGV[6] when to ask again if every lease is held,
-- ARGV[7] how long a deferred attempt counts as waiting after its due time
-- Returns 0 when taken, else the time to ask again.
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[7]))
local function take()
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 0
end
local function defer(at)
  redis.call('ZADD', KEYS[2], at, ARGV[1])
  return at
end
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return take()
end
local max = tonumber(ARGV[4])
if max > 0 and redis.call('ZCARD', KEYS[1]) >= max then
  return defer(tonumber(ARGV[6]))
end
local interval = tonumber(ARGV[5])
if interval > 0 then
  local arrival = tonumber(redis.call('GET', KEYS[3]) or '0')
  if arrival > now then
    return defer(math.ceil(arrival))
  end
  -- Kept a little past its use: a limiter that has caught up with now needs no state.
  redis.call('SET', KEYS[3], string.format('%.3f', now + interval))
  redis.call('PEXPIRE', KEYS[3], math.ceil(interval) + 1000)
end
return take()
