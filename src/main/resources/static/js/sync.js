// Contact sync page: while a run is going, polls its status every second and moves the
// progress bar (a percentage when the provider told the total, an indeterminate bar
// otherwise), then reloads to show the summary. Loaded from a file: the CSP forbids
// inline scripts.
(function () {
	'use strict';

	var card = document.querySelector('[data-sync-status]');
	if (!card || card.getAttribute('data-running') !== 'true') {
		return;
	}
	var url = card.getAttribute('data-sync-status');
	var bar = card.querySelector('[data-sync-bar]');
	var percent = card.querySelector('[data-sync-percent]');
	var progress = card.querySelector('[data-sync-progress]');
	var waiting = card.querySelector('[data-sync-waiting]');
	var label = card.querySelector('[data-sync-label]');
	var badge = card.querySelector('[data-sync-badge]');
	var labels = { queued: 'Starting', running: 'Syncing', waiting: 'Waiting for the provider' };

	function number(value) {
		return Number(value).toLocaleString('en');
	}

	function show(run) {
		if (run.percent === null || run.percent === undefined) {
			bar.removeAttribute('value');
			percent.textContent = '';
		} else {
			bar.value = run.percent;
			percent.textContent = run.percent + ' %';
		}
		progress.textContent = run.progress_text;
		waiting.hidden = !run.waiting_text;
		waiting.textContent = run.waiting_text || '';
		label.textContent = labels[run.status] || label.textContent;
		badge.textContent = run.status;
		['created', 'updated', 'skipped', 'failed'].forEach(function (name) {
			card.querySelector('[data-sync-count="' + name + '"]').textContent = number(run[name]);
		});
	}

	function poll() {
		fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('status ' + response.status);
				}
				return response.json();
			})
			.then(function (run) {
				show(run);
				if (run.status === 'queued' || run.status === 'running' || run.status === 'waiting') {
					setTimeout(poll, 1000);
				} else {
					setTimeout(function () { window.location.reload(); }, 300);
				}
			})
			.catch(function () {
				progress.textContent = 'Lost touch with Mailgate; reload the page to see how far the sync got.';
			});
	}

	setTimeout(poll, 500);
})();
