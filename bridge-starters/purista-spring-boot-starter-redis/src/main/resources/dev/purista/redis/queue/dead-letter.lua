-- Dead-letter the job of a lease and end the lease, in one step (QueueBridge#deadLetter): the job leaves
-- :jobs and the lease maps and :processing, and is pushed on the dead-letter list, all or nothing.
-- KEYS: the queue's keys (see prelude), then KEYS[10]: the dead-letter list, KEYS[11]: the stats of the queue
-- that list belongs to. ARGV: lease id, reason, whether there is a reason ('1' or '0'), last retry reason
-- ('' = none), now, queue name.
-- The job is written as nack writes a dead letter: its stored JSON with leaseExpiresAt 0 and the reason headers.
-- Returns 'unknown' (no such lease), 'dead-lettered', 'corrupt' (not a PURISTA job: dead-lettered with reason
-- corrupt_job into the queue's own list) or 'missing' (the lease had no stored job).
local job_id = end_lease(ARGV[1])
if not job_id then return 'unknown' end
local json = redis.call('HGET', JOBS, job_id)
if not json then return 'missing' end
local job = decode_job(json)
if not job then
  dead_letter_corrupt(job_id, json, ARGV[6], tonumber(ARGV[5]))
  return 'corrupt'
end
local values = { leaseExpiresAt = '0' }
if ARGV[4] ~= '' then values.headers = headers_with(job, LAST_RETRY_REASON, ARGV[4]) end
if ARGV[3] == '1' then values.headers = headers_with(job, DEAD_LETTER_REASON, ARGV[2]) end
redis.call('HDEL', JOBS, job_id)
redis.call('RPUSH', KEYS[10], json_patch(json, values))
redis.call('HINCRBY', KEYS[11], 'deadLetter', 1)
return 'dead-lettered'
