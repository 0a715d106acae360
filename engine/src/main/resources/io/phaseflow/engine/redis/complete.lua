-- Records the end of one attempt of a job of an entry.
-- KEYS[1] the entry hash
-- ARGV[1] job index, ARGV[2] attempt, ARGV[3] YES ok / NO failed, ARGV[4] output JSON or error,
-- ARGV[5] time (ms), ARGV[6] the entry's first error should this failure be the first
-- Returns {outcome, closed, ready index, ready spec, ...}: outcome RECORDED, DUPLICATE or STALE;
-- closed YES when the entry is closed.
-- A job's state is a status letter and the attempt; JOB_OPEN_PARENTS counts a waiting job's open
-- parents (a for_each gate's include its element jobs); JOB_CHILDREN lists a job's children (an
-- element job's child is its gate).
-- With KEYS[2] the workflow's deadline set and ARGV[7] this attempt's member: the attempt's deadline
-- goes, whatever the outcome (an attempt that ends, or is found not current, needs none).
-- ARGV[8] when the attempt started (ms, 0 unknown): JOB_TIMES keeps the job's start and end as
-- offsets from the entry's opening in base 36, "start,end" (start empty when unknown).
--
-- For_each gates (JOB_ELEMENTS present) never run. A gate not yet expanded ("") expands in the
-- step that records the success of its last open parent: its element jobs are appended ready (their
-- parents are the gate's, all succeeded now) and the gate waits for them. Their specs come from the
-- caller, computed from the outputs of the gate's sources (JOB_SOURCES) with the same code as the
-- in-memory store: a success that completes such a gate without them changes nothing and returns
-- {EXPAND, signature, handler table, gate, gate spec, number of sources, source index, source spec,
-- source output or false (this job's own), ...}. The caller then runs this script again with
-- ARGV[9] that signature (the entry's job count and the gates, which must still hold) and from
-- ARGV[10] per gate: its index, then -1, its first error and its error (the task fails), or the
-- number of element jobs and their specs. A gate whose last element (or parent) succeeds succeeds,
-- its output the array of its elements' outputs in element order.
local e = KEYS[1]
local key = job_keys(e)
local job = ARGV[1]
local state = redis.call('HGET', key(job), JOB_STATE .. job)

local function closed()
  local c = redis.call('HGET', e, E_CLOSED)
  if c and tonumber(c) ~= 0 then return YES end
  return NO
end

local function children(i)
  local list = redis.call('HGET', key(i), JOB_CHILDREN .. i)
  local out = {}
  if list then
    for c in string.gmatch(list, '[^,]+') do out[#out + 1] = c end
  end
  return out
end

local function current()
  return state and string.sub(state, 1, 1) == READY and string.sub(state, 2) == ARGV[2]
end

-- The gates this job's success completes the parents of, while they are not expanded.
local function expanding()
  local gates = {}
  for _, c in ipairs(children(job)) do
    if redis.call('HGET', key(c), JOB_ELEMENTS .. c) == ''
        and tonumber(redis.call('HGET', key(c), JOB_OPEN_PARENTS .. c)) == 1
        and string.sub(redis.call('HGET', key(c), JOB_STATE .. c), 1, 1) == WAITING then
      gates[#gates + 1] = c
    end
  end
  return gates
end

local gates = {}
if current() and ARGV[3] == YES then
  gates = expanding()
  if #gates > 0 then
    local signature = redis.call('HGET', e, E_COUNT) .. ':' .. table.concat(gates, ',')
    if ARGV[9] ~= signature then
      local reply = {EXPAND, signature, redis.call('HGET', e, E_HANDLERS)}
      for _, g in ipairs(gates) do
        reply[#reply + 1] = g
        reply[#reply + 1] = redis.call('HGET', key(g), JOB_SPEC .. g)
        local sources = {}
        for s in string.gmatch(redis.call('HGET', key(g), JOB_SOURCES .. g), '[^,]+') do
          sources[#sources + 1] = s
        end
        reply[#reply + 1] = tostring(#sources)
        for _, s in ipairs(sources) do
          reply[#reply + 1] = s
          reply[#reply + 1] = redis.call('HGET', key(s), JOB_SPEC .. s)
          if s == job then
            reply[#reply + 1] = false
          else
            reply[#reply + 1] = redis.call('HGET', key(s), JOB_OUTPUT .. s) or 'null'
          end
        end
      end
      return reply
    end
  end
end

if KEYS[2] then
  redis.call('ZREM', KEYS[2], ARGV[7])
end

if not state then
  return {STALE, closed()}
end
local status = string.sub(state, 1, 1)
if status == SUCCEEDED or status == FAILED or status == SKIPPED then
  local result = {DUPLICATE, closed()}
  local seen = {}
  local function ready(c)
    if not seen[c] and string.sub(redis.call('HGET', key(c), JOB_STATE .. c), 1, 1) == READY then
      seen[c] = true
      result[#result + 1] = c
      result[#result + 1] = redis.call('HGET', key(c), JOB_SPEC .. c)
    end
  end
  -- What this job made ready, in case it was not dispatched: its children and, unless it is one
  -- of them, the element jobs of the gates below it.
  for _, c in ipairs(children(job)) do
    ready(c)
    local first, n = string.match(redis.call('HGET', key(c), JOB_ELEMENTS .. c) or '', '(%d+),(%d+)')
    first, n = tonumber(first), tonumber(n)
    local own = first and tonumber(job) >= first and tonumber(job) < first + n
    if first and not own and string.sub(redis.call('HGET', key(c), JOB_STATE .. c), 1, 1) == WAITING then
      for i = first, first + n - 1 do ready(tostring(i)) end
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
redis.call('HSET', key(job), JOB_TIMES .. job, times)

local result = {RECORDED, NO}
local ended = 1

-- Nothing below a failed job can run: it ends as skipped, so the barrier still reaches zero.
local function skip_below(failed)
  local todo = children(failed)
  while #todo > 0 do
    local c = table.remove(todo)
    local cs = redis.call('HGET', key(c), JOB_STATE .. c)
    if string.sub(cs, 1, 1) == WAITING then
      redis.call('HSET', key(c), JOB_STATE .. c, SKIPPED .. string.sub(cs, 2))
      ended = ended + 1
      for _, g in ipairs(children(c)) do todo[#todo + 1] = g end
    end
  end
end

if ARGV[3] == YES then
  redis.call('HSET', key(job), JOB_STATE .. job, SUCCEEDED .. ARGV[2])
  if ARGV[4] ~= 'null' then -- a null output is kept unsaid: wide entries of no-op jobs stay small
    redis.call('HSET', key(job), JOB_OUTPUT .. job, ARGV[4])
  end
  local at = 10
  for _ = 1, #gates do
    local g = ARGV[at]
    local n = tonumber(ARGV[at + 1])
    local gs = redis.call('HGET', key(g), JOB_STATE .. g)
    if n < 0 then
      redis.call('HSET', key(g), JOB_STATE .. g, FAILED .. string.sub(gs, 2), JOB_ERROR .. g, ARGV[at + 3])
      redis.call('HSETNX', e, E_ERROR, ARGV[at + 2])
      ended = ended + 1
      skip_below(g)
      at = at + 4
    else
      local first = tonumber(redis.call('HGET', e, E_COUNT))
      for k = 0, n - 1 do
        local i = first + k
        redis.call('HSET', key(i), JOB_SPEC .. i, ARGV[at + 2 + k], JOB_STATE .. i, READY .. '1',
          JOB_CHILDREN .. i, g)
        result[#result + 1] = tostring(i)
        result[#result + 1] = ARGV[at + 2 + k]
      end
      redis.call('HSET', e, E_COUNT, first + n)
      redis.call('HSET', key(g), JOB_ELEMENTS .. g, first .. ',' .. n)
      redis.call('HDEL', key(g), JOB_SOURCES .. g)
      redis.call('HINCRBY', key(g), JOB_OPEN_PARENTS .. g, n)
      redis.call('HINCRBY', e, E_OPEN, n)
      at = at + 2 + n
    end
  end
  local todo = children(job)
  while #todo > 0 do
    local c = table.remove(todo, 1)
    local open = redis.call('HINCRBY', key(c), JOB_OPEN_PARENTS .. c, -1)
    local cs = redis.call('HGET', key(c), JOB_STATE .. c)
    if open == 0 and string.sub(cs, 1, 1) == WAITING then
      local elements = redis.call('HGET', key(c), JOB_ELEMENTS .. c)
      if elements == '' then
        -- A gate not expanded: cannot happen (it expands as its last parent succeeds); it waits.
      elseif elements then
        -- A gate whose last element (or parent) succeeded: the task succeeded.
        local first, n = string.match(elements, '(%d+),(%d+)')
        local outputs = {}
        for i = tonumber(first), tonumber(first) + tonumber(n) - 1 do
          outputs[#outputs + 1] = redis.call('HGET', key(i), JOB_OUTPUT .. i) or 'null'
        end
        redis.call('HSET', key(c), JOB_STATE .. c, SUCCEEDED .. string.sub(cs, 2),
          JOB_OUTPUT .. c, '[' .. table.concat(outputs, ',') .. ']')
        ended = ended + 1
        for _, g in ipairs(children(c)) do todo[#todo + 1] = g end
      else
        redis.call('HSET', key(c), JOB_STATE .. c, READY .. string.sub(cs, 2))
        result[#result + 1] = c
        result[#result + 1] = redis.call('HGET', key(c), JOB_SPEC .. c)
      end
    end
  end
else
  redis.call('HSET', key(job), JOB_STATE .. job, FAILED .. ARGV[2], JOB_ERROR .. job, ARGV[4])
  redis.call('HSETNX', e, E_ERROR, ARGV[6])
  skip_below(job)
end
if redis.call('HINCRBY', e, E_OPEN, -ended) == 0 then
  redis.call('HSET', e, E_CLOSED, ARGV[5])
  result[2] = YES
end
return result
