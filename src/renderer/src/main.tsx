document.getElementById('root')!.textContent = 'RCON Desk';
