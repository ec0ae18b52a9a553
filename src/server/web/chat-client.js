// Browser side of the chat page, served as /static/chat.js: fetch a Direct Line token from our own
// server (the secret stays there), then start Web Chat against our self-hosted Direct Line.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('troly-config').textContent);
  var host = document.getElementById('webchat');

  function fail() {
    host.classList.add('error');
    host.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'status';
    p.textContent = config.connectFailed;
    host.appendChild(p);
  }

  fetch(config.tokenUrl, { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (res) {
      if (!res.ok) throw new Error('token request failed: ' + res.status);
      return res.json();
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({
        token: session.token,
        domain: window.location.origin + config.directLinePath,
        webSocket: config.webSocket,
      });
      host.innerHTML = '';
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          userID: session.userId,
          locale: config.locale,
          styleOptions: config.styleOptions,
          overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: config.placeholder },
        },
        host,
      );
    })
    .catch(fail);
})();
