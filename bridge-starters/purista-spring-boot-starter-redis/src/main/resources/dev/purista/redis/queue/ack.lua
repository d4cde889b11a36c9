-- Acknowledge a lease: the job is removed. ARGV: lease id. Returns 1, or 0 for an unknown lease.
local job_id = end_lease(ARGV[1])
if not job_id then return 0 end
redis.call('HDEL', JOBS, job_id)
return 1
