-- Store a job. KEYS: the queue's keys, KEYS[10] the idempotency key (only with an idempotency key).
-- ARGV: job id, job JSON, scheduledAt, now, idempotency record JSON.
-- Returns the first enqueue's record when the idempotency key was seen before, else nil.
local idempotency = KEYS[10]
if idempotency then
  local first = redis.call('GET', idempotency)
  if first then return first end
end
redis.call('HSET', JOBS, ARGV[1], ARGV[2])
if tonumber(ARGV[3]) > tonumber(ARGV[4]) then
  redis.call('ZADD', SCHEDULED, ARGV[3], ARGV[1])
else
  redis.call('LPUSH', PENDING, ARGV[1])
end
if idempotency then
  redis.call('SET', idempotency, ARGV[5])
end
return false
