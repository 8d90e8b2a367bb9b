package org.jamesclientid.policy;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;

import reactor.core.publisher.Mono;

/**
 * {@link KnownAccounts} from James' own users repository.
 */
public class UsersRepositoryKnownAccounts implements KnownAccounts {
    private final UsersRepository usersRepository;

    @Inject
    public UsersRepositoryKnownAccounts(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public Mono<Boolean> exists(Username username) {
        return Mono.from(usersRepository.containsReactive(username));
    }
}
