curl '-X`
' h -d9