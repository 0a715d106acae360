-- Records the end of one attempt of a job of an entry.
-- KEYS[1] the entry hash
-- ARGV[1] job index, ARGV[2] attempt, ARGV[3] YES ok / NO failed, ARGV[4] output JSON or error,
-- ARGV[5] time (ms), ARGV[6] the entry's first error should this failure be the first
-- Returns {outcome, closed, ready index, ready spec, ...}: outcome RECORDED, DUPLICATE or STALE;
-- closed YES when the entry is closed.
-- A job's state is a status letter and the attempt; JOB_OPEN_PARENTS counts a waiting job's open
-- parents; JOB_CHILDREN lists a job's children.
-- With KEYS[2] the workflow's deadline set and ARGV[7] this attempt's member: the attempt's deadline
-- goes, whatever the outcome (an attempt that ends, or is found not current, needs none).
-- ARGV[8] when the attempt started (ms, 0 unknown): JOB_TIMES keeps the job's start and end as
-- offsets from the entry's opening in base 36, "start,end" (start empty when unknown).
local e = KEYS[1]
if KEYS[2] then
  redis.call('ZREM', KEYS[2], ARGV[7])
end
local job = ARGV[1]
local state = redis.call('HGET', e, JOB_STATE .. job)

local function closed()
  local c = redis.call('HGET', e, E_CLOSED)
  if c and tonumber(c) ~= 0 then return YES end
  return NO
end

local function children(i)
  local list = redis.call('HGET', e, JOB_CHILDREN .. i)
  local out = {}
  if list then
    for c in string.gmatch(list, '[^,]+') do out[#out + 1] = c end
  end
  return out
end

if not state then
  return {STALE, closed()}
end
local status = string.sub(state, 1, 1)
if status == SUCCEEDED or status == FAILED or status == SKIPPED then
  local result = {DUPLICATE, closed()}
  for _, c in ipairs(children(job)) do
    if string.sub(redis.call('HGET', e, JOB_STATE .. c), 1, 1) == READY then
      result[#result + 1] = c
      result[#result + 1] = redis.call('HGET', e, JOB_SPEC .. c)
    end
  end
  return result
end
if status ~= READY or string.sub(state, 2) ~= ARGV[2] then
  return {STALE, closed()}
end

local function base36(n)
  local digits = '0123456789abcdefghijklmnopqrstuvwxyz'
  local sign = ''
  if n < 0 then sign = '-'; n = -n end
  local out = ''
  repeat
    local d = n % 36
    out = string.sub(digits, d + 1, d + 1) .. out
    n = (n - d) / 36
  until n == 0
  return sign .. out
end

local opened = tonumber(redis.call('HGET', e, E_OPENED))
local started = tonumber(ARGV[8]) or 0
local times = ',' .. base36(tonumber(ARGV[5]) - opened)
if started > 0 then times = base36(started - opened) .. times end
redis.call('HSET', e, JOB_TIMES .. job, times)

local result = {RECORDED, NO}
local ended = 1
if ARGV[3] == YES then
  redis.call('HSET', e, JOB_STATE .. job, SUCCEEDED .. ARGV[2], JOB_OUTPUT .. job, ARGV[4])
  for _, c in ipairs(children(job)) do
    local open = redis.call('HINCRBY', e, JOB_OPEN_PARENTS .. c, -1)
    local cs = redis.call('HGET', e, JOB_STATE .. c)
    if open == 0 and string.sub(cs, 1, 1) == WAITING then
      redis.call('HSET', e, JOB_STATE .. c, READY .. string.sub(cs, 2))
      result[#result + 1] = c
      result[#result + 1] = redis.call('HGET', e, JOB_SPEC .. c)
    end
  end
else
  redis.call('HSET', e, JOB_STATE .. job, FAILED .. ARGV[2], JOB_ERROR .. job, ARGV[4])
  redis.call('HSETNX', e, E_ERROR, ARGV[6])
  -- Nothing below a failed job can run: it ends as skipped, so the barrier still reaches zero.
  local todo = children(job)
  while #todo > 0 do
    local c = table.remove(todo)
    local cs = redis.call('HGET', e, JOB_STATE .. c)
    if string.sub(cs, 1, 1) == WAITING then
      redis.call('HSET', e, JOB_STATE .. c, SKIPPED .. string.sub(cs, 2))
      ended = ended + 1
      for _, g in ipairs(children(c)) do todo[#todo + 1] = g end
    end
  end
end
if redis.call('HINCRBY', e, E_OPEN, -ended) == 0 then
  redis.call('HSET', e, E_CLOSED, ARGV[5])
  result[2] = YES
end
return result
