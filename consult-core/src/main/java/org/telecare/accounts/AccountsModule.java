package org.telecare.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.access.AccessGuard;
import org.telecare.access.PermissionCatalog;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.accounts.policy.DataPolicies;
import org.telecare.accounts.policy.PolicyRoutes;
import org.telecare.accounts.role.RoleCatalog;
import org.telecare.accounts.role.RoleRoutes;
import org.telecare.accounts.sms.SmsCodePolicy;
import org.telecare.accounts.sms.SmsCodes;
import org.telecare.accounts.sms.SmsSignIn;
import org.telecare.notify.sms.SmsGateway;
import org.telecare.notify.sms.SmsGateways;
import org.telecare.accounts.credentials.Argon2Settings;
import org.telecare.accounts.credentials.Captcha;
import org.telecare.accounts.credentials.CaptchaSettings;
import org.telecare.accounts.credentials.LoginThrottle;
import org.telecare.accounts.credentials.PasswordCheck;
import org.telecare.accounts.credentials.PasswordHasher;
import org.telecare.accounts.credentials.PasswordPolicy;
import org.telecare.accounts.credentials.ThrottlePolicy;
import org.telecare.accounts.credentials.Totp;
import org.telecare.accounts.credentials.TotpSettings;
import org.telecare.accounts.session.TwoFactor;
import org.telecare.accounts.partner.PartnerGuard;
import org.telecare.accounts.partner.PartnerRegistry;
import org.telecare.accounts.partner.PartnerRoutes;
import org.telecare.accounts.partner.PartnerSettings;
import org.telecare.accounts.dictionary.Dictionaries;
import org.telecare.accounts.dictionary.DictionaryRoutes;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.UserView;
import org.telecare.accounts.sensitive.FieldCipher;
import org.telecare.accounts.sensitive.FieldKeySource;
import org.telecare.accounts.http.AccountEvents;
import org.telecare.accounts.http.AdminRoutes;
import org.telecare.accounts.http.AuthRoutes;
import org.telecare.accounts.http.LoginGate;
import org.telecare.accounts.http.UserAccounts;
import org.telecare.accounts.session.SessionGuard;
import org.telecare.accounts.session.SessionSettings;
import org.telecare.accounts.session.SessionStore;
import org.telecare.audit.AuditSchema;
import org.telecare.audit.AuditTrail;
import org.telecare.audit.SyslogConfig;
import org.telecare.audit.SyslogExporter;
import org.telecare.audit.http.AuditRoutes;
import org.telecare.module.ModuleContext;
import org.telecare.module.TelecareModule;
import org.telecare.storage.SchemaMigration;
import org.telecare.web.RateLimit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Identity and access (SEC-1 … SEC-8): organisations and users, sign-in with lockout and
 * captcha, sessions, the access guard every other module uses, and the audit trail. Starts
 * first, because every other module's routes are guarded by what it provides.
 */
public final class AccountsModule implements TelecareModule {
    private static final Logger LOG = LoggerFactory.getLogger(AccountsModule.class);
    static final String ADMIN_LOGIN = "admin";
    static final String ADMIN_PASSWORD_ENV = "TELECARE_ADMIN_PASSWORD";
    private static final Set<String> CONFIG_KEYS = Set.of("idleTimeoutMinutes", "maxFailures", "lockMinutes",
            "captchaAfterFailures", "syslog", "totpRequiredRoles", "fieldKeys", "signInBurst", "signInPerSecond",
            "protectedPatientClasses", "dataBaseline", "sms");

    private final Clock clock;
    private final SecureRandom captchaRandom;

    /** The module as the node loads it. */
    public AccountsModule() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    /** With a clock (lockout expiry, idle timeout) and captcha randomness of the test's choosing. */
    AccountsModule(Clock clock, SecureRandom captchaRandom) {
        this.clock = clock;
        this.captchaRandom = captchaRandom;
    }

    @Override
    public String id() {
        return "accounts";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<SchemaMigration> migrations() {
        List<SchemaMigration> all = new ArrayList<>(AuditSchema.migrations());
        all.add(AccountDirectory.MIGRATION);
        all.add(new SchemaMigration(id(), 2, "sessions, login throttling, captchas",
                List.of(SessionStore.SESSIONS, LoginGate.LOGIN_STATE, LoginGate.CAPTCHAS)));
        all.add(new SchemaMigration(id(), 3, "two-factor enrolments", List.of(TwoFactor.TOTP)));
        all.add(PartnerRegistry.MIGRATION);
        all.add(Dictionaries.MIGRATION);
        all.add(RoleCatalog.MIGRATION);
        all.add(DataPolicies.MIGRATION);
        all.add(SmsCodes.MIGRATION);
        return all;
    }

    @Override
    public Future<Void> start(ModuleContext ctx) {
        // The keyring may be a file in the data folder (created on first start): read it off the event loop.
        boolean singleNode = ctx.storage().name().equals("embedded");
        return ctx.vertx().executeBlocking(() -> new UserView(new FieldCipher(FieldKeySource.load(
                        ctx.config().getJsonObject("fieldKeys"), ctx.dataDir(), singleNode))), false)
                .compose(view -> start(ctx, view));
    }

    private Future<Void> start(ModuleContext ctx, UserView view) {
        JsonObject config = ctx.config();
        for (String key : config.fieldNames()) {
            if (!CONFIG_KEYS.contains(key)) {
                return Future.failedFuture(new IllegalArgumentException("modules.accounts." + key
                        + ": unknown key (known: " + new java.util.TreeSet<>(CONFIG_KEYS) + ")"));
            }
        }
        SessionSettings sessionSettings = new SessionSettings(
                Duration.ofMinutes(config.getInteger("idleTimeoutMinutes", 15)), Duration.ofHours(12), Duration.ofSeconds(60));
        ThrottlePolicy throttlePolicy = new ThrottlePolicy(config.getInteger("maxFailures", 5),
                Duration.ofMinutes(config.getInteger("lockMinutes", 15)), config.getInteger("captchaAfterFailures", 1),
                Duration.ofMinutes(15));

        SyslogExporter syslog;
        try {
            syslog = config.getJsonObject("syslog") == null ? null
                    : SyslogExporter.create(ctx.vertx(), SyslogConfig.fromJson(config.getJsonObject("syslog")));
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException("modules.accounts.syslog: " + e.getMessage(), e));
        }
        AuditTrail audit = AuditTrail.create(ctx.vertx(), ctx.storage(), ctx.nodeId(), syslog);
        ctx.services().provide(AuditTrail.class, audit);
        AccountEvents events = new AccountEvents(audit);
        ctx.services().provide(org.telecare.access.policy.DataAccessLog.class, events::dataAccess);

        PermissionCatalog permissionCatalog = new PermissionCatalog();
        AccountPermissions.declare(permissionCatalog);
        ctx.services().provide(PermissionCatalog.class, permissionCatalog);
        Set<String> protectedClasses = new java.util.TreeSet<>();
        config.getJsonArray("protectedPatientClasses", new io.vertx.core.json.JsonArray().add("VIP").add("special"))
                .forEach(c -> protectedClasses.add(String.valueOf(c)));
        Baseline baseline;
        switch (config.getString("dataBaseline", "own-hospital")) {
            case "own-hospital" -> baseline = Baseline.OWN_HOSPITAL;
            case "none" -> baseline = Baseline.NONE;
            default -> {
                return Future.failedFuture(new IllegalArgumentException(
                        "modules.accounts.dataBaseline: must be own-hospital or none"));
            }
        }
        RoleCatalog roleCatalog = new RoleCatalog(ctx.vertx(), ctx.storage().records());
        DataPolicies policies = new DataPolicies(ctx.vertx(), ctx.storage().records(), protectedClasses, baseline, clock);
        ctx.services().provide(DataAccess.class, policies);

        AccountDirectory directory = new AccountDirectory(ctx.storage().records());
        PasswordPolicy passwordPolicy = PasswordPolicy.defaults();
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.defaults());
        UserAccounts accounts = new UserAccounts(ctx.vertx(), directory, hasher,
                new PasswordCheck(passwordPolicy, hasher), clock);
        SessionStore sessions = new SessionStore(ctx.storage().records(), sessionSettings, clock);
        SessionGuard guard = new SessionGuard(sessions, directory, roleCatalog, clock, passwordPolicy, events::denied);
        ctx.services().provide(AccessGuard.class, guard);
        LoginGate gate = new LoginGate(ctx.vertx(), ctx.storage().records(), new LoginThrottle(throttlePolicy, clock),
                new Captcha(CaptchaSettings.defaults(), captchaRandom, clock), clock);

        Set<String> totpRoles = new java.util.HashSet<>();
        config.getJsonArray("totpRequiredRoles", new io.vertx.core.json.JsonArray()).forEach(r -> totpRoles.add(String.valueOf(r)));
        for (String role : totpRoles) {
            if (!AccountPermissions.BUILT_IN_ROLES.containsKey(role)) { // custom roles load later; built-ins only here
                return Future.failedFuture(new IllegalArgumentException("modules.accounts.totpRequiredRoles: unknown role '"
                        + role + "'"));
            }
        }
        TwoFactor twoFactor = new TwoFactor(ctx.storage().records(), new Totp(TotpSettings.defaults(), clock), totpRoles);
        Optional<SmsSignIn> sms;
        try {
            sms = Optional.ofNullable(config.getJsonObject("sms")).map(c -> SmsGateways.fromConfig(ctx.vertx(), c))
                    .map(gateway -> {
                        ctx.services().provide(SmsGateway.class, gateway);
                        LOG.info("SMS gateway: {}; sign-in by SMS code enabled", gateway.describe());
                        return new SmsSignIn(new SmsCodes(ctx.storage().records(), SmsCodePolicy.defaults(), clock,
                                new SecureRandom()), gateway, directory, view, events, guard::maySignIn);
                    });
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException("modules.accounts.sms: " + e.getMessage(), e));
        }
        new AuthRoutes(directory, accounts, sessions, sessionSettings, guard, gate, twoFactor, events, clock, view,
                new RateLimit(config.getInteger("signInBurst", 20), config.getDouble("signInPerSecond", 1.0)), sms)
                .mount(ctx.api());
        new AdminRoutes(directory, guard, accounts, events, view, gate, twoFactor, roleCatalog).mount(ctx.api());
        new RoleRoutes(roleCatalog, permissionCatalog, directory, events).mount(ctx.api(), guard);
        new PolicyRoutes(policies, directory, roleCatalog, events).mount(ctx.api(), guard);
        new AuditRoutes(audit, guard, AccountPermissions.AUDIT_READ).mount(ctx.api());
        Dictionaries dictionaries = new Dictionaries(ctx.storage().records());
        new DictionaryRoutes(dictionaries, events).mount(ctx.api(), guard, AccountPermissions.DICTIONARIES_WRITE);
        PartnerRegistry partners = new PartnerRegistry(ctx.storage().records());
        PartnerGuard partnerGuard = new PartnerGuard(partners, audit, PartnerSettings.defaults(), clock);
        ctx.services().provide(PartnerGuard.class, partnerGuard);
        new PartnerRoutes(partners, partnerGuard, audit, clock).mount(ctx.api(), guard);
        return roleCatalog.start().compose(v -> policies.start()).compose(v -> dictionaries.seed())
                .compose(v -> bootstrapAdmin(accounts, directory));
    }

    /**
     * On first start there is no one to sign in as: create {@code admin} with the password from
     * {@value #ADMIN_PASSWORD_ENV}, or a random one printed once. Either way it must be changed at
     * first sign-in. Several nodes starting at once race on the login claim; one wins.
     */
    private Future<Void> bootstrapAdmin(UserAccounts accounts, AccountDirectory directory) {
        return directory.userByLogin(ADMIN_LOGIN).compose(existing -> {
            if (existing.isPresent()) {
                return Future.succeededFuture();
            }
            String fromEnv = System.getenv(ADMIN_PASSWORD_ENV);
            Future<UserAccounts.Created> created = fromEnv == null || fromEnv.isBlank()
                    ? accounts.create(ADMIN_LOGIN, "Administrator", Optional.empty(), Optional.empty(), "",
                    Set.of(AccountPermissions.ADMIN))
                    : accounts.create(ADMIN_LOGIN, "Administrator", Optional.empty(), Optional.empty(), "",
                    Set.of(AccountPermissions.ADMIN), fromEnv);
            return created.onSuccess(c -> {
                if (fromEnv == null || fromEnv.isBlank()) {
                    System.out.println("telecare: first start: sign in as 'admin' with the password  " + c.initialPassword()
                            + "  (shown once; you must change it at first sign-in)");
                } else {
                    System.out.println("telecare: first start: sign in as 'admin' with the password from "
                            + ADMIN_PASSWORD_ENV + " (you must change it at first sign-in)");
                }
                LOG.info("created the first administrator account 'admin'");
            }).recover(e -> e instanceof org.telecare.web.ApiException
                    ? Future.succeededFuture() // another node created it first
                    : Future.failedFuture(e)).mapEmpty();
        });
    }
}
