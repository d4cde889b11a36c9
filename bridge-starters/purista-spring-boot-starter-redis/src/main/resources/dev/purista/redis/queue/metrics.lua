-- Figures of a queue after recovering expired leases. ARGV: now, queue name, how many leases to recover.
-- Returns {pending, inflight, deadLetter, retries, oldest createdAt or -1}.
local now = tonumber(ARGV[1])
recover_expired(now, tonumber(ARGV[3]), ARGV[2])
local oldest = -1
local candidates = {}
local next_pending = redis.call('LINDEX', PENDING, -1)
if next_pending then table.insert(candidates, next_pending) end
local next_scheduled = redis.call('ZRANGE', SCHEDULED, 0, 0)
if next_scheduled[1] then table.insert(candidates, next_scheduled[1]) end
for _, job_id in ipairs(candidates) do
  local json = redis.call('HGET', JOBS, job_id)
  local job = decode_job(json)
  local created = job and tonumber(job.createdAt)
  if created and (oldest < 0 or created < oldest) then oldest = created end
end
return { redis.call('LLEN', PENDING) + redis.call('ZCARD', SCHEDULED), redis.call('HLEN', LEASES),
  redis.call('LLEN', DEAD_LETTER), tonumber(redis.call('HGET', STATS, 'retries') or '0'), oldest }
