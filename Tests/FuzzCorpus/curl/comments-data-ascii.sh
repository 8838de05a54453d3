# send one event
# (docs sample)
curl https://api.app.thrivestack.ai/api/track -X PUT \
  -H 'x-api-key: KEY' -d '[1,' -d '2]' --max-time 5 -o /dev/null 2>/dev/null
