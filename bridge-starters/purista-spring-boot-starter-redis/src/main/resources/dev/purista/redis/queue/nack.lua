-- End a lease without success. ARGV: lease id, now, delay ms, reason ('' = none), mode, queue name.
-- Mode 'nack' counts a retry and dead-letters when attempt >= maxAttempts; mode 'release' gives the job back
-- (due at once, at the front of the queue) without counting anything.
-- Mode 'corrupt' dead-letters the job as not being a PURISTA job (reason corrupt_job, text kept).
-- Returns 'unknown', 'requeued', 'dead-lettered', 'corrupt' or 'missing'.
local job_id = end_lease(ARGV[1])
if not job_id then return 'unknown' end
local json = redis.call('HGET', JOBS, job_id)
local now = tonumber(ARGV[2])
if not json then return 'missing' end
local job = decode_job(json)
if ARGV[5] == 'corrupt' or not job then
  dead_letter_corrupt(job_id, json, ARGV[6], now)
  return 'corrupt'
end
local due = now + tonumber(ARGV[3])
local reason = ARGV[4]
local values = { scheduledAt = integer(due) }
if reason ~= '' then values.headers = headers_with(job, LAST_RETRY_REASON, reason) end
if ARGV[5] == 'nack' then
  if type(job.maxAttempts) == 'number' and job.attempt >= job.maxAttempts then
    if reason == '' then reason = 'max_attempts_exceeded' end
    dead_letter(job_id, job, json, reason, values)
    return 'dead-lettered'
  end
  redis.call('HINCRBY', STATS, 'retries', 1)
end
values.leaseExpiresAt = '0'
redis.call('HSET', JOBS, job_id, json_patch(json, values))
if due > now then
  redis.call('ZADD', SCHEDULED, due, job_id)
elseif ARGV[5] == 'release' then
  redis.call('RPUSH', PENDING, job_id)
else
  redis.call('LPUSH', PENDING, job_id)
end
return 'requeued'
