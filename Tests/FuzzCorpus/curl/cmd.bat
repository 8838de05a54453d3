curl "https://api.app.thrivestack.ai/api/group" ^
  -H "content-type: application/json" ^
  -H "x-api-key: KEY" ^
  --data-raw "[{\"group_id\":\"g1\",\"user_id\":\"u1\",\"traits\":{\"plan\":\"free\"}}]"
