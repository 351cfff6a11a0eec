// Copy buttons: <button data-copy="element-id">. The only script on Mailgate's pages (CSP: 'self').
document.addEventListener('click', function (event) {
	var button = event.target.closest('[data-copy]');
	if (!button) {
		return;
	}
	var source = document.getElementById(button.getAttribute('data-copy'));
	var text = source.value !== undefined ? source.value : source.textContent;
	var done = function () {
		var label = button.textContent;
		button.textContent = 'Copied';
		button.classList.add('copied');
		setTimeout(function () { button.textContent = label; button.classList.remove('copied'); }, 2000);
	};
	if (navigator.clipboard) {
		navigator.clipboard.writeText(text.trim()).then(done, function () { source.select && source.select(); });
	} else if (source.select) {
		source.select();
		document.execCommand('copy');
		done();
	}
});
