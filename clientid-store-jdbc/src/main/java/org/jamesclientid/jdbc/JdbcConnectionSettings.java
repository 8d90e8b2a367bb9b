package org.jamesclientid.jdbc;

import java.util.Objects;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.common.base.MoreObjects;
import com.google.common.base.Preconditions;
import com.google.common.base.Strings;

/**
 * Which database the JDBC stores use: the driver class, URL and credentials of James' {@code james-database.properties}
 * ({@code database.driverClassName}, {@code database.url}, {@code database.username}, {@code database.password}, as
 * James 3.8.1's JPA server reads them), or the same four keys under {@code clientid.jdbc.} in
 * {@code clientid.properties} to use another database than James'.
 */
public final class JdbcConnectionSettings {
    public static final String JAMES_PREFIX = "database.";
    public static final String CLIENTID_PREFIX = "clientid.jdbc.";
    static final String DRIVER = "driverClassName";
    static final String URL = "url";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    public static JdbcConnectionSettings of(String driverClassName, String url, Optional<String> username, Optional<String> password) {
        Preconditions.checkArgument(!Strings.isNullOrEmpty(driverClassName), "'driverClassName' is mandatory");
        Preconditions.checkArgument(!Strings.isNullOrEmpty(url), "'url' is mandatory");
        Preconditions.checkNotNull(username, "'username' must not be null, use Optional.empty()");
        Preconditions.checkNotNull(password, "'password' must not be null, use Optional.empty()");
        return new JdbcConnectionSettings(driverClassName, url, username, password, SqlDialect.forUrl(url));
    }

    /**
     * The {@code clientid.jdbc.*} keys when {@code clientid.jdbc.url} is set, otherwise James' own file.
     *
     * @param jamesDatabase {@code james-database.properties}, when James' conf has one
     */
    public static JdbcConnectionSettings from(Configuration clientIdProperties, Optional<Configuration> jamesDatabase) throws ConfigurationException {
        if (!clientIdProperties.getString(CLIENTID_PREFIX + URL, "").isBlank()) {
            return read(clientIdProperties, CLIENTID_PREFIX, "clientid.properties");
        }
        if (jamesDatabase.isEmpty()) {
            throw new ConfigurationException("CLIENTID: the JDBC store needs a database: conf/james-database.properties (James' JPA "
                + "server has one) or " + CLIENTID_PREFIX + URL + " and " + CLIENTID_PREFIX + DRIVER + " in clientid.properties (docs/jdbc.md)");
        }
        return read(jamesDatabase.get(), JAMES_PREFIX, "james-database.properties");
    }

    private static JdbcConnectionSettings read(Configuration configuration, String prefix, String file) throws ConfigurationException {
        String driver = configuration.getString(prefix + DRIVER, "").trim();
        String url = configuration.getString(prefix + URL, "").trim();
        if (driver.isEmpty() || url.isEmpty()) {
            throw new ConfigurationException("CLIENTID: " + file + " must set " + prefix + DRIVER + " and " + prefix + URL);
        }
        try {
            return of(driver, url, optional(configuration, prefix + USERNAME), optional(configuration, prefix + PASSWORD));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (" + file + ")", e);
        }
    }

    private static Optional<String> optional(Configuration configuration, String key) {
        return Optional.ofNullable(configuration.getString(key, null))
            .filter(value -> !value.isEmpty());
    }

    private final String driverClassName;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final SqlDialect dialect;

    private JdbcConnectionSettings(String driverClassName, String url, Optional<String> username, Optional<String> password, SqlDialect dialect) {
        this.driverClassName = driverClassName;
        this.url = url;
        this.username = username;
        this.password = password;
        this.dialect = dialect;
    }

    public String getDriverClassName() {
        return driverClassName;
    }

    public String getUrl() {
        return url;
    }

    public Optional<String> getUsername() {
        return username;
    }

    public Optional<String> getPassword() {
        return password;
    }

    public SqlDialect getDialect() {
        return dialect;
    }

    @Override
    public final boolean equals(Object o) {
        if (o instanceof JdbcConnectionSettings) {
            JdbcConnectionSettings that = (JdbcConnectionSettings) o;
            return Objects.equals(this.driverClassName, that.driverClassName)
                && Objects.equals(this.url, that.url)
                && Objects.equals(this.username, that.username)
                && Objects.equals(this.password, that.password);
        }
        return false;
    }

    @Override
    public final int hashCode() {
        return Objects.hash(driverClassName, url, username, password);
    }

    /**
     * Never the password.
     */
    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this)
            .add("driverClassName", driverClassName)
            .add("url", url)
            .add("username", username)
            .toString();
    }
}
