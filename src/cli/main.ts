console.log('rcon: not yet');
