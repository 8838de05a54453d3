$ curl -sS -X POST https://api.app.thrivestack.ai/api/identify --json '{"user_id": "u-42", "traits": {"plan": "pro", "seats": 12}}' -A "thrive-inspector/1.0" -b 'sid=abc' | jq .
