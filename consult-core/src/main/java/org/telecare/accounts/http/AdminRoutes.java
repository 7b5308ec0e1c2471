package org.telecare.accounts.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Principal;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.AccountPermissions;
import org.telecare.accounts.HospitalScope;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.Department;
import org.telecare.accounts.directory.Hospital;
import org.telecare.accounts.directory.User;
import org.telecare.accounts.directory.UserView;
import org.telecare.accounts.role.RoleCatalog;
import org.telecare.accounts.session.SessionGuard;
import org.telecare.accounts.session.TwoFactor;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.telecare.accounts.AccountPermissions.DEPARTMENTS_READ;
import static org.telecare.accounts.AccountPermissions.DEPARTMENTS_WRITE;
import static org.telecare.accounts.AccountPermissions.HOSPITALS_READ;
import static org.telecare.accounts.AccountPermissions.HOSPITALS_WRITE;
import static org.telecare.accounts.AccountPermissions.USERS_READ;
import static org.telecare.accounts.AccountPermissions.USERS_WRITE;

/**
 * The administration API of organisations and users (CON-12), all routes in one place. Every
 * route is guarded; object-level checks keep a hospital administrator inside their own hospital.
 */
public final class AdminRoutes {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");

    private final AccountDirectory directory;
    private final SessionGuard guard;
    private final UserAccounts accounts;
    private final AccountEvents events;
    private final UserView view;

    private final LoginGate gate;
    private final TwoFactor twoFactor;
    private final RoleCatalog roleCatalog;

    public AdminRoutes(AccountDirectory directory, SessionGuard guard, UserAccounts accounts, AccountEvents events,
                       UserView view, LoginGate gate, TwoFactor twoFactor, RoleCatalog roleCatalog) {
        this.roleCatalog = roleCatalog;
        this.gate = gate;
        this.twoFactor = twoFactor;
        this.directory = directory;
        this.guard = guard;
        this.accounts = accounts;
        this.events = events;
        this.view = view;
    }

    public void mount(Router api) {
        api.route("/admin/*").handler(JsonBody.handler());
        api.get("/admin/hospitals").handler(guard.require(HOSPITALS_READ)).handler(this::listHospitals);
        api.post("/admin/hospitals").handler(guard.require(HOSPITALS_WRITE)).handler(this::createHospital);
        api.get("/admin/hospitals/:hospital").handler(guard.require(HOSPITALS_READ)).handler(this::getHospital);
        api.get("/admin/hospitals/:hospital/departments").handler(guard.require(DEPARTMENTS_READ))
                .handler(this::listDepartments);
        api.post("/admin/hospitals/:hospital/departments").handler(guard.require(DEPARTMENTS_WRITE))
                .handler(this::createDepartment);
        api.get("/admin/hospitals/:hospital/users").handler(guard.require(USERS_READ)).handler(this::listUsers);
        api.post("/admin/users").handler(guard.require(USERS_WRITE)).handler(this::createUser);
        api.get("/admin/users/:user").handler(guard.require(USERS_READ)).handler(this::getUser);
        api.patch("/admin/users/:user").handler(guard.require(USERS_WRITE)).handler(this::updateUser);
        api.post("/admin/users/:user/unlock").handler(guard.require(USERS_WRITE)).handler(this::unlock);
        api.post("/admin/users/:user/password-reset").handler(guard.require(USERS_WRITE)).handler(this::resetPassword);
        api.post("/admin/users/:user/totp-reset").handler(guard.require(USERS_WRITE)).handler(this::resetTotp);
    }

    /** Platform administrators act on every hospital; everyone else only on their own. */
    static void checkHospital(Principal p, String hospitalId) {
        HospitalScope.check(p, hospitalId, "objects of another hospital");
    }

    private void listHospitals(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        reply(ctx, 200, directory.hospitals().map(hs -> new JsonArray(hs.stream()
                .filter(h -> HospitalScope.covers(p, h.id()))
                .map(Hospital::toJson).toList())));
    }

    private void getHospital(RoutingContext ctx) {
        String id = ctx.pathParam("hospital");
        checkHospital(AccessGuard.principal(ctx), id);
        reply(ctx, 200, existingHospital(id).map(Hospital::toJson));
    }

    private void createHospital(RoutingContext ctx) {
        JsonObject body = JsonBody.of(ctx);
        Hospital h = new Hospital(UUID.randomUUID().toString(), JsonBody.text(body, "name", 128),
                JsonBody.text(body, "city", 64), JsonBody.optionalText(body, "contact", 128),
                JsonBody.optionalText(body, "level", 32), JsonBody.bool(body, "enabled", true));
        reply(ctx, 201, directory.putHospital(h).map(v -> {
            events.administered(ctx, AccessGuard.principal(ctx), "admin.hospital.create", "hospital", h.id());
            return h.toJson();
        }));
    }

    private void listDepartments(RoutingContext ctx) {
        String hospital = ctx.pathParam("hospital");
        checkHospital(AccessGuard.principal(ctx), hospital);
        reply(ctx, 200, existingHospital(hospital).compose(h -> directory.departments(hospital))
                .map(ds -> new JsonArray(ds.stream().map(Department::toJson).toList())));
    }

    private void createDepartment(RoutingContext ctx) {
        String hospital = ctx.pathParam("hospital");
        checkHospital(AccessGuard.principal(ctx), hospital);
        JsonObject body = JsonBody.of(ctx);
        Department d = new Department(UUID.randomUUID().toString(), hospital,
                JsonBody.matching(body, "code", CODE, "1-32 letters, digits, '_' or '-'"),
                JsonBody.text(body, "name", 128), JsonBody.bool(body, "enabled", true));
        reply(ctx, 201, existingHospital(hospital).compose(h -> directory.putDepartment(d)).map(v -> {
            events.administered(ctx, AccessGuard.principal(ctx), "admin.department.create", "department", d.id());
            return d.toJson();
        }));
    }

    private void listUsers(RoutingContext ctx) {
        String hospital = ctx.pathParam("hospital");
        checkHospital(AccessGuard.principal(ctx), hospital);
        reply(ctx, 200, directory.users(Optional.of(hospital))
                .map(us -> new JsonArray(us.stream().map(u -> view.json(u, false)).toList())));
    }

    /** {@code ?unmask=phone} shows the number in full: a separate permission, and audited (SEC-7). */
    private void getUser(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        String unmask = ctx.queryParams().get("unmask");
        if (unmask != null && !unmask.equals("phone")) {
            throw ApiException.badRequest("unmask takes the field to show in full: phone");
        }
        if (unmask != null && !p.has(AccountPermissions.USERS_UNMASK)) {
            throw AccountErrors.forbidden("requires permission " + AccountPermissions.USERS_UNMASK);
        }
        reply(ctx, 200, existingUser(ctx.pathParam("user")).map(u -> {
            checkUserScope(p, u);
            if (unmask != null) {
                events.unmasked(ctx, p, "user", u.id(), unmask);
            }
            return view.json(u, unmask != null);
        }));
    }

    private void createUser(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        String login = JsonBody.matching(body, "login", LOGIN, "3-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        Optional<String> hospital = Optional.ofNullable(JsonBody.optionalText(body, "hospitalId", 64));
        Optional<String> department = Optional.ofNullable(JsonBody.optionalText(body, "departmentId", 64));
        Set<String> roles = roles(body);
        if (hospital.isEmpty() && !p.has(AccountPermissions.ALL_HOSPITALS)) {
            throw AccountErrors.forbidden("creating platform users");
        }
        hospital.ifPresent(h -> checkHospital(p, h));
        checkGrantable(p, roles);
        String name = JsonBody.text(body, "name", 64);
        String title = Optional.ofNullable(JsonBody.optionalText(body, "title", 64)).orElse("");
        String phone = JsonBody.optionalText(body, "phone", 32);
        if (phone != null) {
            UserView.checkedPhone(phone);
        }
        Optional<Instant> expiresAt = expiresAt(body);
        Future<Void> orgChecks = hospital.map(h -> existingHospital(h).<Void>compose(x -> department
                .map(d -> directory.department(h, d).<Void>compose(dep -> dep.isPresent() ? Future.succeededFuture()
                        : Future.failedFuture(AccountErrors.notFound("department " + d))))
                .orElse(Future.succeededFuture()))).orElse(Future.succeededFuture());
        reply(ctx, 201, orgChecks.compose(v -> accounts.create(login, name, hospital, department, title, roles))
                .compose(created -> {
                    User u = created.user().withPhoneCipher(view.encryptPhone(created.user().id(), phone))
                            .withExpiresAt(expiresAt);
                    boolean more = phone != null || expiresAt.isPresent();
                    return (more ? directory.saveUser(u) : Future.<Void>succeededFuture()).map(x -> {
                        events.administered(ctx, p, "admin.user.create", "user", u.id());
                        return view.json(u, false).put("initialPassword", created.initialPassword());
                    });
                }));
    }

    private void updateUser(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        JsonObject body = JsonBody.of(ctx);
        reply(ctx, 200, existingUser(ctx.pathParam("user")).compose(u -> {
            checkUserScope(p, u);
            Set<String> roles = body.containsKey("roles") ? roles(body) : u.roles();
            if (u.id().equals(p.userId()) && !roles.equals(u.roles())) {
                throw AccountErrors.forbidden("changing one's own roles (another administrator must)");
            }
            checkGrantable(p, roles);
            Optional<Instant> expiresAt = body.containsKey("expiresAt") ? expiresAt(body) : u.expiresAt();
            boolean enabled = JsonBody.bool(body, "enabled", u.enabled());
            String name = body.containsKey("name") ? JsonBody.text(body, "name", 64) : u.name();
            String title = body.containsKey("title") ? JsonBody.text(body, "title", 64) : u.title();
            User updated = new User(u.id(), u.login(), name, u.hospitalId(), u.departmentId(), title, roles, enabled,
                    expiresAt, u.passwordHash(), u.passwordChangedAt(), u.previousHashes(), u.mustChangePassword(),
                    body.containsKey("phone") ? view.encryptPhone(u.id(), JsonBody.optionalText(body, "phone", 32))
                            : u.phoneCipher());
            return directory.saveUser(updated).map(v -> {
                events.administered(ctx, p, roles.equals(u.roles()) ? "admin.user.update" : "admin.user.roles",
                        "user", u.id());
                return view.json(updated, false);
            });
        }));
    }

    /** Lifts a lockout before it expires (the user called the help desk). */
    private void unlock(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        reply(ctx, 200, existingUser(ctx.pathParam("user")).compose(u -> {
            checkUserScope(p, u);
            return gate.unlock(u.login()).map(v -> {
                events.administered(ctx, p, "admin.user.unlock", "user", u.id());
                return new JsonObject().put("unlocked", true);
            });
        }));
    }

    /** A new one-time password, shown once to the administrator, to be changed at next sign-in. */
    private void resetPassword(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        reply(ctx, 200, existingUser(ctx.pathParam("user")).compose(u -> {
            checkUserScope(p, u);
            return accounts.resetPassword(u).map(c -> {
                events.administered(ctx, p, "admin.user.password-reset", "user", u.id());
                return new JsonObject().put("initialPassword", c.initialPassword());
            });
        }));
    }

    /** Removes a user's two-factor enrolment (lost phone). */
    private void resetTotp(RoutingContext ctx) {
        Principal p = AccessGuard.principal(ctx);
        reply(ctx, 200, existingUser(ctx.pathParam("user")).compose(u -> {
            checkUserScope(p, u);
            return twoFactor.reset(u.id()).map(removed -> {
                events.administered(ctx, p, "admin.user.totp-reset", "user", u.id());
                return new JsonObject().put("removed", removed);
            });
        }));
    }

    private static void checkUserScope(Principal p, User u) {
        if (!p.has(AccountPermissions.ALL_HOSPITALS)
                && (u.hospitalId().isEmpty() || !u.hospitalId().equals(p.hospitalId()))) {
            throw AccountErrors.forbidden("users of another hospital");
        }
    }

    /**
     * No escalation through user editing: a hospital administrator grants only roles whose
     * permissions they hold themselves. Platform administrators grant any role, the auditor's
     * included, without holding it (separation of duties: they may appoint, not read, auditors).
     */
    private void checkGrantable(Principal p, Set<String> roles) {
        if (p.has(AccountPermissions.ALL_HOSPITALS)) {
            return;
        }
        for (String role : roles) {
            if (!p.permissions().containsAll(roleCatalog.permissionsOf(Set.of(role)))) {
                throw AccountErrors.forbidden("granting role " + role);
            }
        }
    }

    private Set<String> roles(JsonObject body) {
        if (!(body.getValue("roles") instanceof JsonArray array) || array.isEmpty()) {
            throw ApiException.badRequest("field 'roles' must be a non-empty list of role ids");
        }
        List<String> roles = array.stream().map(o -> o instanceof String s ? s : "").toList();
        for (String r : roles) {
            if (!roleCatalog.exists(r)) {
                throw ApiException.badRequest("unknown role '" + r + "'; known: " + roleCatalog.ids());
            }
        }
        return Set.copyOf(roles);
    }

    /** Account validity (SEC-3): an ISO-8601 instant, or null for no end. */
    private static Optional<Instant> expiresAt(JsonObject body) {
        return JsonBody.optionalInstant(body, "expiresAt");
    }

    private Future<Hospital> existingHospital(String id) {
        return directory.hospital(id).compose(h -> h.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(AccountErrors.notFound("hospital " + id))));
    }

    private Future<User> existingUser(String id) {
        return directory.user(id).compose(u -> u.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(AccountErrors.notFound("user " + id))));
    }

    static void reply(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(body -> {
            ctx.response().setStatusCode(status);
            ctx.json(body);
        }).onFailure(ctx::fail);
    }
}
