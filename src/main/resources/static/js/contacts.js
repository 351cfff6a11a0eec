// Contact pages: the import's live progress, a size check before an upload, and a custom
// field's key suggested from its label. Loaded from a file: the CSP forbids inline scripts.
(function () {
	'use strict';

	function number(value) {
		return Number(value).toLocaleString('en');
	}

	// The import page polls its status endpoint until the import is done, then reloads to
	// show the summary with the rejected rows.
	var progress = document.querySelector('[data-import-status]');
	if (progress && progress.getAttribute('data-running') === 'true') {
		var url = progress.getAttribute('data-import-status');
		var bar = progress.querySelector('[data-import-bar]');
		var percent = progress.querySelector('[data-import-percent]');
		var processed = progress.querySelector('[data-import-processed]');
		var poll = function () {
			fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
				.then(function (response) {
					if (!response.ok) {
						throw new Error('status ' + response.status);
					}
					return response.json();
				})
				.then(function (status) {
					bar.value = status.percent;
					percent.textContent = status.percent + ' %';
					processed.textContent = number(status.processed) + ' of ' + number(status.total) + ' rows';
					['created', 'updated', 'rejected'].forEach(function (name) {
						progress.querySelector('[data-import-count="' + name + '"]').textContent = number(status[name]);
					});
					if (status.state === 'running') {
						setTimeout(poll, 600);
					} else {
						setTimeout(function () { window.location.reload(); }, 400);
					}
				})
				.catch(function () {
					processed.textContent = 'Lost touch with Mailgate; reload the page to see how far the import got.';
				});
		};
		setTimeout(poll, 300);
	}

	// An upload larger than the server takes would only fail after it was sent.
	var upload = document.querySelector('[data-upload-form]');
	if (upload) {
		upload.addEventListener('submit', function (event) {
			var input = upload.querySelector('input[type=file]');
			var problem = upload.querySelector('[data-upload-problem]');
			var file = input.files && input.files[0];
			var max = Number(upload.getAttribute('data-max-bytes'));
			var message = '';
			if (!file) {
				message = 'Choose a CSV file first.';
			} else if (file.size > max) {
				message = 'This file is ' + (file.size / 1048576).toFixed(1) + ' MB; Mailgate takes up to '
					+ (max / 1048576) + ' MB at a time. Split it into smaller files and import each.';
			}
			if (message) {
				event.preventDefault();
				problem.textContent = message;
				problem.hidden = false;
			}
		});
	}

	// A new field's key follows its label until someone edits the key.
	var fieldForm = document.querySelector('[data-field-form]');
	if (fieldForm) {
		var label = fieldForm.querySelector('#label');
		var key = fieldForm.querySelector('#key');
		var edited = key.value !== '';
		key.addEventListener('input', function () { edited = key.value !== ''; });
		label.addEventListener('input', function () {
			if (!edited) {
				key.value = label.value.toLowerCase()
					.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
					.replace(/[^a-z0-9]+/g, '_').replace(/^[^a-z]+|_+$/g, '').slice(0, 64);
			}
		});
	}
})();
