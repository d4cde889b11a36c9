-- Lease the next due job. ARGV: now, new lease id, job id to claim ('' = take the next pending job; a job id
-- = one this client already moved into processing with BLMOVE), queue name, default lease ttl ms,
-- how many expired leases to recover at most.
-- Returns {'leased', job id, job JSON, leasedAt, leaseExpiresAt, dropped...}
--      or {'none', next event at, dropped...}; dropped entries are 'corrupt:<job id>' or 'missing:<job id>'.
local now = tonumber(ARGV[1])
local lease_id = ARGV[2]
local claim_id = ARGV[3]
local queue_name = ARGV[4]
recover_expired(now, tonumber(ARGV[6]), queue_name)
promote_due(now, 50)

local dropped = {}
local function answer(head)
  for _, entry in ipairs(dropped) do table.insert(head, entry) end
  return head
end

for _ = 1, 10 do
  local job_id
  if claim_id ~= '' then
    if not redis.call('LPOS', PROCESSING, claim_id) or redis.call('HEXISTS', LEASE_BY_JOB, claim_id) == 1 then
      return answer({ 'none', next_event_at() })
    end
    job_id = claim_id
  else
    job_id = redis.call('LMOVE', PENDING, PROCESSING, 'RIGHT', 'LEFT')
    if not job_id then return answer({ 'none', next_event_at() }) end
  end
  local json = redis.call('HGET', JOBS, job_id)
  local job = decode_job(json)
  if job then
    local ttl = tonumber(job.leaseTtlMs) or tonumber(ARGV[5])
    local expires = now + ttl
    json = json_patch(json, { attempt = integer(job.attempt + 1), leaseExpiresAt = integer(expires) })
    redis.call('HSET', JOBS, job_id, json)
    redis.call('HSET', LEASES, lease_id, job_id)
    redis.call('HSET', LEASE_BY_JOB, job_id, lease_id)
    redis.call('ZADD', LEASE_EXPIRY, expires, lease_id)
    return answer({ 'leased', job_id, json, integer(now), integer(expires) })
  end
  redis.call('LREM', PROCESSING, 1, job_id)
  if json then
    dead_letter_corrupt(job_id, json, queue_name, now)
    table.insert(dropped, 'corrupt:' .. job_id)
  else
    table.insert(dropped, 'missing:' .. job_id)
  end
  if claim_id ~= '' then return answer({ 'none', integer(now) }) end
end
return answer({ 'none', integer(now) })
