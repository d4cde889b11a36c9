-- Jobs in the processing list without a lease (their consumer died between BLMOVE and taking the lease) go
-- back to the front of the pending list. Returns how many were moved.
local moved = 0
for _, job_id in ipairs(redis.call('LRANGE', PROCESSING, 0, -1)) do
  if redis.call('HEXISTS', LEASE_BY_JOB, job_id) == 0 then
    redis.call('LREM', PROCESSING, 1, job_id)
    if redis.call('HEXISTS', JOBS, job_id) == 1 then
      redis.call('RPUSH', PENDING, job_id)
      moved = moved + 1
    end
  end
end
return moved
