curl --location 'https://api.app.thrivestack.ai/api/group' \
--header 'accept: */*' \
--header 'content-type: application/json' \
--header 'x-api-key: YOUR_API_KEY' \
--data '[
{
"group_id": "ac8db7ba-5139-4911-ba6e-523fd9c4704b",
"user_id": "18f716ac-37a4-464f-adb7-3cc30032308c",
"context": {
"device_id": "7d08298f",
"session_id": "session_e2iukz3vduo",
"group_id": "ac8db7ba-5139-4911-ba6e-523fd9c4704b",
"source": "product"
},
"traits": {
"group_type": "Account",
"account_domain": "acme.com",
"account_name": "Acme Corporation",
"industry": "Technology",
"plan": "enterprise"
},
"timestamp": "2024-01-15T10:30:00Z"
}
]'
