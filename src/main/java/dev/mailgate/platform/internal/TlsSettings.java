package dev.mailgate.platform.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * The {@code mailgate.tls.*} settings. With no mode given, a certificate or keystore
 * means {@link TlsMode#PROVIDED} and nothing means {@link TlsMode#SELF_SIGNED}.
 */
record TlsSettings(@Nullable TlsMode mode, @Nullable String certificate, @Nullable String privateKey,
		@Nullable String keystore, @Nullable String keystorePassword, @Nullable String keystoreType) {

	/**
	 * The settings as the environment gives them; none given are all {@code null}.
	 */
	static TlsSettings of(Binder binder) {
		return binder.bind("mailgate.tls", TlsSettings.class)
			.orElse(new TlsSettings(null, null, null, null, null, null));
	}

	TlsMode effectiveMode() {
		if (this.mode != null) {
			return this.mode;
		}
		return (this.certificate != null || this.keystore != null) ? TlsMode.PROVIDED : TlsMode.SELF_SIGNED;
	}

}
