// Campaign pages: a sending campaign's progress, polled until it is done, and the time
// zone a schedule is meant in. Loaded from a file: the CSP forbids inline scripts.
(function () {
	'use strict';

	function number(value) {
		return Number(value).toLocaleString('en');
	}

	var progress = document.querySelector('[data-campaign-progress]');
	if (progress && progress.getAttribute('data-sending') === 'true') {
		var url = progress.getAttribute('data-campaign-progress');
		var bar = progress.querySelector('[data-progress-bar]');
		var text = progress.querySelector('[data-progress-text]');
		var poll = function () {
			fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
				.then(function (response) {
					if (!response.ok) {
						throw new Error('status ' + response.status);
					}
					return response.json();
				})
				.then(function (status) {
					bar.value = status.total === 0 ? 100 : Math.floor(status.done * 100 / status.total);
					text.textContent = number(status.done) + ' of ' + number(status.total);
					['sent', 'bounced', 'failed'].forEach(function (name) {
						progress.querySelector('[data-progress-count="' + name + '"]').textContent = number(status[name]);
					});
					if (status.status === 'sending') {
						setTimeout(poll, 1000);
					} else {
						setTimeout(function () { window.location.reload(); }, 400);
					}
				})
				.catch(function () {
					text.textContent = 'Lost touch with Mailgate; reload the page to see how far the send got.';
				});
		};
		setTimeout(poll, 500);
	}

	// A schedule's date and time are meant in the person's own time zone.
	var zone = document.querySelector('[data-time-zone]');
	if (zone && window.Intl) {
		var name = Intl.DateTimeFormat().resolvedOptions().timeZone;
		if (name) {
			zone.value = name;
			var hint = document.querySelector('[data-time-zone-hint]');
			if (hint) {
				hint.textContent = 'In your time zone, ' + name + '.';
			}
		}
	}
})();
