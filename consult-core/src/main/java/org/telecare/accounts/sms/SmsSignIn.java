package org.telecare.accounts.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.telecare.accounts.AccountErrors;
import org.telecare.accounts.directory.AccountDirectory;
import org.telecare.accounts.directory.User;
import org.telecare.accounts.directory.UserView;
import org.telecare.accounts.http.AccountEvents;
import org.telecare.notify.sms.SmsGateway;
import org.telecare.notify.sms.SmsMessage;
import org.telecare.web.ApiException;
import org.telecare.web.JsonBody;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code POST /auth/sms/request}: sends a sign-in code to the account's mobile number (SEC-2).
 * The answer is the same whether or not the login exists or has a number, so the route does not
 * reveal accounts; only the rate limit (one a minute, five an hour per login, plus the per-address
 * limit in front of every sign-in route) shows through, as 429 with {@code Retry-After}.
 */
public final class SmsSignIn {
    private final SmsCodes codes;
    private final SmsGateway gateway;
    private final AccountDirectory directory;
    private final UserView view;
    private final AccountEvents events;
    private final Predicate<User> maySignIn;

    public SmsSignIn(SmsCodes codes, SmsGateway gateway, AccountDirectory directory, UserView view, AccountEvents events,
                     Predicate<User> maySignIn) {
        this.codes = codes;
        this.gateway = gateway;
        this.directory = directory;
        this.view = view;
        this.events = events;
        this.maySignIn = maySignIn;
    }

    public SmsCodes codes() {
        return codes;
    }

    public static void disabled(RoutingContext ctx) {
        ctx.fail(new ApiException(404, AccountErrors.SMS_DISABLED, "sign-in by SMS code is not enabled on this platform"));
    }

    public void request(RoutingContext ctx) {
        String login = JsonBody.text(JsonBody.of(ctx), "username", 64);
        codes.issue(login).compose(issued -> {
            if (issued.code().isEmpty()) {
                events.smsCodeRequested(ctx, login, "too-soon");
                long seconds = Math.max(1, issued.retryAfter().toSeconds());
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                return Future.failedFuture(new ApiException(429, AccountErrors.SMS_TOO_SOON,
                        "a code was sent recently; ask again in " + seconds + " s"));
            }
            return directory.userByLogin(login).compose(user -> {
                Optional<String> phone = user.filter(maySignIn).flatMap(view::phone);
                if (phone.isEmpty()) {
                    events.smsCodeRequested(ctx, login, user.isEmpty() ? "unknown-login" : "no-phone");
                    return Future.<Void>succeededFuture();
                }
                String text = "【telecare】登录验证码 " + issued.code().get() + "，" + codes.policy().validFor().toMinutes()
                        + " 分钟内有效，请勿告诉他人。Your sign-in code.";
                return gateway.send(new SmsMessage(phone.get(), text, "sign-in-code")).compose(
                        sent -> {
                            events.smsCodeRequested(ctx, login, "sent");
                            return Future.<Void>succeededFuture();
                        },
                        failure -> {
                            events.smsCodeRequested(ctx, login, "gateway-failed");
                            return Future.failedFuture(new ApiException(502, AccountErrors.SMS_NOT_SENT,
                                    "the SMS could not be sent; sign in with your password or try later"));
                        });
            });
        }).onSuccess(v -> {
            ctx.response().setStatusCode(202);
            ctx.json(new JsonObject().put("resendAfterSeconds", codes.policy().resendAfter().toSeconds())
                    .put("validForSeconds", codes.policy().validFor().toSeconds()));
        }).onFailure(ctx::fail);
    }
}
