-- wrk script: every request registers a different resident through the API.
-- Thread-local counters make each NIK, phone and idempotency key unique.
local counter = 0
thread_number = 0  -- set per thread by setup(); a global, so that thread:set reaches it
local offering = os.getenv("BALAI_OFFERING_ID")
local batch = os.getenv("BALAI_BATCH_CODE")
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local n = thread_number * 100000 + counter
  local day = 1 + n % 28
  local month = 1 + math.floor(n / 28) % 12
  local year = 70 + math.floor(n / 336) % 30
  local serial = 1 + math.floor(n / 10080) % 9999
  local nik = string.format("367101%02d%02d%02d%04d", day, month, year, serial)
  local body = string.format(
    '{"batch_code":"%s","idempotency_key":"load-request-%08d","nik":"%s","full_name":"Warga Uji",' ..
    '"birth_date":"19%02d-%02d-%02d","sex":"L","phone":"0812%08d","address":"Jl. Uji 1",' ..
    '"domicile_kelurahan_code":"36.71.01.1001","choices":[%s],"consent":true}',
    batch, n, nik, year, month, day, n, offering)
  return wrk.format("POST", "/api/v1/applications/", {["Content-Type"] = "application/json"}, body)
end
