curl --request 'PATCH' 'https://api.app.thrivestack.ai/api/identify' -H 'x-api-key: k' --data-binary '{"user_id":"u1","traits":{"plan":"pro"}}'
