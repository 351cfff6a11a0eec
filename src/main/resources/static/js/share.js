// The share page: picking another campaign loads its card and text; the preview and the
// character count follow the text as it is typed.
(function () {
	var pick = document.querySelector('[data-share-pick]');
	if (pick) {
		pick.querySelector('select').addEventListener('change', function () {
			pick.submit();
		});
	}
	var text = document.querySelector('[data-share-text]');
	var preview = document.querySelector('[data-share-preview]');
	var count = document.querySelector('[data-share-count]');
	if (text) {
		text.addEventListener('input', function () {
			if (preview) {
				preview.textContent = text.value;
			}
			if (count) {
				count.textContent = String(text.value.length);
			}
		});
	}
})();
