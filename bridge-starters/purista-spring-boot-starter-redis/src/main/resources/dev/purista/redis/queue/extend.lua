-- Extend a lease. ARGV: lease id, now, new expiry. Returns 'ok', 'unknown' or 'expired'.
local job_id = redis.call('HGET', LEASES, ARGV[1])
if not job_id then return 'unknown' end
local expires = redis.call('ZSCORE', LEASE_EXPIRY, ARGV[1])
if not expires or tonumber(expires) <= tonumber(ARGV[2]) then return 'expired' end
redis.call('ZADD', LEASE_EXPIRY, ARGV[3], ARGV[1])
local json = redis.call('HGET', JOBS, job_id)
if valid_job(json) then
  redis.call('HSET', JOBS, job_id, json_set(json, 'leaseExpiresAt', ARGV[3]))
end
return 'ok'
