PS C:\> curl.exe --location 'https://api.app.thrivestack.ai/api/track' `
  --header 'content-type: application/json' `
  --oauth2-bearer 'tok' `
  --data '[{"event_name":"signed_in","user_id":"u1","timestamp":"2024-01-15T10:30:00Z"}]'
