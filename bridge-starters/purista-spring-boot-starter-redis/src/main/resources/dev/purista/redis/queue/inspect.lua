-- Active leases of a queue, soonest expiry first, after recovering expired ones.
-- ARGV: now, queue name, how many leases to recover, limit.
-- Returns {lease id, job id, job JSON, leaseExpiresAt, ...}.
recover_expired(tonumber(ARGV[1]), tonumber(ARGV[3]), ARGV[2])
local limit = tonumber(ARGV[4])
local result = {}
if limit < 1 then return result end
local leases = redis.call('ZRANGE', LEASE_EXPIRY, 0, limit - 1, 'WITHSCORES')
for i = 1, #leases, 2 do
  local job_id = redis.call('HGET', LEASES, leases[i])
  local json = job_id and redis.call('HGET', JOBS, job_id)
  if json then
    table.insert(result, leases[i])
    table.insert(result, job_id)
    table.insert(result, json)
    table.insert(result, leases[i + 1])
  end
end
return result
