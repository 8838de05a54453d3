curl -G 'http://localhost:8080/api/track?x=1' --url-query 'a=b c' --data-urlencode 'q={"k": [1]}' -d 'n=2' -H 'Accept:' -H "Authorization: Bearer $TOKEN"
