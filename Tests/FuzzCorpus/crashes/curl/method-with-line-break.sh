curl '-X'curl'-X`
'" Ì·ï¿h`
'l 'curl'-X`
'" h -d9