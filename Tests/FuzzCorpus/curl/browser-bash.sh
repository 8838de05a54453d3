curl 'http://127.0.0.1:8787/api/track' \
  -H 'accept: */*' \
  -H 'content-type: application/json' \
  -H 'x-api-key: sk_live_0123456789abcdef' \
  -H 'X-Empty;' \
  --data-raw $'[{"event_name":"signed_up","user_id":"u1","properties":{"user_email":"jo\u00e9@acme.com","note":"it\'s"}}]' \
  --compressed
