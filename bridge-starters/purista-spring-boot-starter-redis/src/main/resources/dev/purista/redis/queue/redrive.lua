-- Move dead letters back to their queue (named in each job), due at once, at the front of the pending list.
-- KEYS[1]: the dead-letter list. ARGV: limit, now, key prefix.
-- Entries that cannot run again (not a job, or a kept corrupt job) stay in the list, at its end.
-- Returns how many jobs were moved.
local now = ARGV[2]
local prefix = ARGV[3]
local moved = 0
local remaining = math.min(tonumber(ARGV[1]), redis.call('LLEN', KEYS[1]))
while remaining > 0 and moved < tonumber(ARGV[1]) do
  remaining = remaining - 1
  local json = redis.call('LPOP', KEYS[1])
  local job = decode_job(json)
  if job and job.corruptJob == nil then
    local job_id = job.id
    local queue_name = job.queueName
    json = json_patch(json, { leaseExpiresAt = '0', scheduledAt = now })
    redis.call('HSET', prefix .. queue_name .. ':jobs', job_id, json)
    redis.call('RPUSH', prefix .. queue_name .. ':pending', job_id)
    moved = moved + 1
  else
    redis.call('RPUSH', KEYS[1], json)
  end
end
return moved
