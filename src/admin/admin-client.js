// Browser side of the admin page, served as /static/admin.js. The token stays in sessionStorage
// (gone when the tab closes) and goes to the API as a Bearer header; progress streams over
// fetch() because EventSource cannot send that header. Every value from the server is shown with
// textContent, never as HTML.
(function () {
  'use strict';
  var texts = JSON.parse(document.getElementById('admin-config').textContent).texts;
  var KEY = 'troly-admin-token';
  var $ = function (id) { return document.getElementById(id); };
  var format = function (template, vars) {
    return template.replace(/\{(\w+)\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  };

  function api(path, options) {
    options = options || {};
    var headers = Object.assign({ Authorization: 'Bearer ' + sessionStorage.getItem(KEY), Accept: 'application/json' }, options.headers || {});
    return fetch(path, Object.assign({}, options, { headers: headers, credentials: 'omit' })).then(function (res) {
      if (res.status === 401) { signOut(texts.signinFailed); throw new Error('unauthorized'); }
      return res;
    });
  }
  function json(res) {
    return res.json().then(function (body) {
      if (!res.ok) throw new Error((body && body.error && body.error.message) || String(res.status));
      return body;
    });
  }
  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function showDocuments(body) {
    var s = body.serving;
    $('serving').textContent = format(texts.serving, { documents: s.documents, chunks: s.chunks, id: s.snapshotId, mode: s.mode });
    var tbody = $('documents').tBodies[0];
    tbody.textContent = '';
    body.documents.forEach(function (d) {
      var tr = document.createElement('tr');
      tr.dataset.docId = d.docId;
      cell(tr, d.title || d.docId);
      cell(tr, d.docNumber || '');
      cell(tr, d.path);
      cell(tr, d.chunkCount);
      var status = cell(tr, texts['status.' + d.status], 'status-' + d.status);
      d.problems.forEach(function (p) {
        var span = document.createElement('span');
        span.className = 'problem';
        span.textContent = p.reason;
        status.appendChild(span);
      });
      var actions = cell(tr, '');
      if (d.status !== 'removed') {
        var del = document.createElement('button');
        del.type = 'button';
        del.className = 'danger';
        del.textContent = texts.delete;
        del.addEventListener('click', function () { removeDocument(d); });
        actions.appendChild(del);
      }
      tbody.appendChild(tr);
    });
    $('report').textContent = body.report ? body.report.lines.join('\n') : texts.noReport;
    if (body.activeJob && !watching) watchJob(body.activeJob.jobId);
  }
  function loadDocuments() {
    return api('/admin/documents').then(json).then(showDocuments);
  }
  function loadFeedback() {
    return api('/admin/feedback?limit=200').then(json).then(function (body) {
      var tbody = $('feedback').tBodies[0];
      tbody.textContent = '';
      if (body.feedback.length === 0) { var tr0 = document.createElement('tr'); cell(tr0, texts.noFeedback).colSpan = 5; tbody.appendChild(tr0); }
      body.feedback.forEach(function (f) {
        var tr = document.createElement('tr');
        cell(tr, new Date(f.at).toLocaleString('vi-VN'));
        cell(tr, f.rating === 'up' ? texts.ratingUp : texts.ratingDown);
        cell(tr, f.question);
        cell(tr, f.answer);
        cell(tr, f.citations.map(function (c) { return c.title + (c.locator ? ' — ' + c.locator : ''); }).join('; '));
        tbody.appendChild(tr);
      });
    });
  }

  var watching = false;
  function showJob(job) {
    var bar = $('progress');
    bar.hidden = false;
    var p = job.progress;
    bar.value = job.state === 'succeeded' ? 100 : p ? p.percent : 0;
    var text;
    if (job.state === 'queued') text = texts['phase.queued'];
    else if (job.state === 'running') text = p ? texts['phase.' + p.phase] + ' ' + p.percent + '%' + (p.phase === 'ingest' && p.path ? ' — ' + p.path : '') : texts.reindexStarted;
    else if (job.state === 'succeeded') text = format(texts.reindexSucceeded, job.result) + ' ' + format(texts.reused, job.result);
    else text = format(texts.reindexFailed, { reason: job.error ? job.error.message : '' });
    $('progress-text').textContent = text;
    $('progress-text').className = job.state === 'failed' ? 'error' : '';
    $('reindex').disabled = job.state === 'queued' || job.state === 'running';
  }
  function watchJob(jobId) {
    watching = true;
    var last = null;
    api('/admin/jobs/' + encodeURIComponent(jobId) + '/events', { headers: { Accept: 'text/event-stream' } }).then(function (res) {
      if (!res.ok || !res.body) throw new Error(String(res.status));
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) return;
          buffer += decoder.decode(chunk.value, { stream: true });
          var events = buffer.split('\n\n');
          buffer = events.pop();
          events.forEach(function (block) {
            var data = block.split('\n').filter(function (l) { return l.indexOf('data: ') === 0; }).map(function (l) { return l.slice(6); }).join('\n');
            if (data) { last = JSON.parse(data); showJob(last); }
          });
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      $('progress-text').textContent = texts.networkError;
    }).then(function () {
      watching = false;
      if (last && (last.state === 'succeeded' || last.state === 'failed')) return loadDocuments();
    });
  }

  function upload(event) {
    event.preventDefault();
    var file = $('file').files[0];
    if (!file) { $('upload-status').textContent = texts.uploadPick; return; }
    var form = new FormData();
    form.append('file', file, file.name);
    $('upload-status').textContent = format(texts.uploading, { name: file.name });
    $('upload-status').className = '';
    api('/admin/documents' + ($('overwrite').checked ? '?overwrite=1' : ''), { method: 'POST', body: form }).then(json).then(function (body) {
      $('upload-status').textContent = body.message;
      $('file').value = '';
      return loadDocuments();
    }).catch(function (error) {
      if (error.message === 'unauthorized') return;
      $('upload-status').textContent = error.message;
      $('upload-status').className = 'error';
    });
  }
  function reindex() {
    $('reindex').disabled = true;
    api('/admin/reindex', { method: 'POST' }).then(json).then(function (body) {
      showJob({ state: body.state, progress: null });
      if (!watching) watchJob(body.jobId);
    }).catch(function (error) { $('progress-text').textContent = error.message; $('reindex').disabled = false; });
  }
  function rollback() {
    if (!window.confirm(texts.rollbackConfirm)) return;
    api('/admin/rollback', { method: 'POST' }).then(json).then(function (body) {
      $('progress-text').textContent = body.message;
      return loadDocuments();
    }).catch(function (error) { $('progress-text').textContent = error.message; });
  }
  function removeDocument(d) {
    if (!window.confirm(format(texts.deleteConfirm, { name: d.path }))) return;
    api('/admin/documents/' + encodeURIComponent(d.docId), { method: 'DELETE' }).then(json).then(function (body) {
      $('upload-status').textContent = body.message;
      return loadDocuments();
    }).catch(function (error) { $('upload-status').textContent = error.message; });
  }
  function downloadCsv() {
    api('/admin/feedback?format=csv&limit=5000', { headers: { Accept: 'text/csv' } }).then(function (res) { return res.blob(); }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'gop-y.csv';
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    $('panel').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = message || '';
  }
  function enter() {
    $('signin').hidden = true;
    $('panel').hidden = false;
    $('signin-error').textContent = '';
    return Promise.all([loadDocuments(), loadFeedback()]).catch(function (error) {
      if (error.message !== 'unauthorized') $('progress-text').textContent = error.message;
    });
  }
  $('signin-form').addEventListener('submit', function (event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim());
    $('token').value = '';
    enter();
  });
  $('signout').addEventListener('click', function () { signOut(''); });
  $('upload-form').addEventListener('submit', upload);
  $('reindex').addEventListener('click', reindex);
  $('rollback').addEventListener('click', rollback);
  $('feedback-csv').addEventListener('click', downloadCsv);
  if (sessionStorage.getItem(KEY)) enter();
})();
