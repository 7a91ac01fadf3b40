console.log('support-bot demo: not built yet');
