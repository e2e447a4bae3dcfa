#!/bin/bash

__billetterie_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__billetterie_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__billetterie_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__billetterie_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_billetterie() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|user|event|ticket|voucher|waitlist|pay|refund|validate|notify|report|backup|doctor|help)
        # Offer subcommand argument completions
        "_billetterie_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init user event ticket voucher waitlist pay refund validate notify report backup doctor help' -- "${cur}"))
        ;;
    esac
}

_billetterie_init() {
    repeating_flags=()
    non_repeating_flags=(--json --admin-password-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --venue-name --currency --timezone --admin-email --from --admin-name)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--venue-name')
        return
        ;;
    '--currency')
        return
        ;;
    '--timezone')
        return
        ;;
    '--admin-email')
        return
        ;;
    '--from')
        return
        ;;
    '--admin-name')
        return
        ;;
    esac
}

_billetterie_user() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    register|login|logout|whoami|list|show|role|passwd|mfa|history|unlock|disable|enable|verify)
        # Offer subcommand argument completions
        "_billetterie_user_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'register login logout whoami list show role passwd mfa history unlock disable enable verify' -- "${cur}"))
        ;;
    esac
}

_billetterie_user_register() {
    repeating_flags=()
    non_repeating_flags=(--json --password-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --email --name --role)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--email')
        return
        ;;
    '--name')
        return
        ;;
    '--role')
        return
        ;;
    esac
}

_billetterie_user_login() {
    repeating_flags=()
    non_repeating_flags=(--json --password-stdin --print-token --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --email --totp --recovery-code)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--email')
        return
        ;;
    '--totp')
        return
        ;;
    '--recovery-code')
        return
        ;;
    esac
}

_billetterie_user_logout() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_whoami() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --limit --offset --role)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '--role')
        return
        ;;
    esac
}

_billetterie_user_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_role() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_passwd() {
    repeating_flags=()
    non_repeating_flags=(--json --password-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --user)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--user')
        return
        ;;
    esac
}

_billetterie_user_mfa() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    enable|disable)
        # Offer subcommand argument completions
        "_billetterie_user_mfa_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'enable disable' -- "${cur}"))
        ;;
    esac
}

_billetterie_user_mfa_enable() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --totp)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--totp')
        return
        ;;
    esac
}

_billetterie_user_mfa_disable() {
    repeating_flags=()
    non_repeating_flags=(--json --password-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --totp --user)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--totp')
        return
        ;;
    '--user')
        return
        ;;
    esac
}

_billetterie_user_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_unlock() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_disable() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_enable() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_user_verify() {
    repeating_flags=()
    non_repeating_flags=(--json --resend --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|update|publish|cancel|show|delete|list|tier|checkin-list|import|export)
        # Offer subcommand argument completions
        "_billetterie_event_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create update publish cancel show delete list tier checkin-list import export' -- "${cur}"))
        ;;
    esac
}

_billetterie_event_create() {
    repeating_flags=()
    non_repeating_flags=(--json --publish --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --title --starts-at --ends-at --venue --address --category --capacity --timezone --currency --description --vat-rate --sales-start --sales-end --waitlist-offer --organizer)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--title')
        return
        ;;
    '--starts-at')
        return
        ;;
    '--ends-at')
        return
        ;;
    '--venue')
        return
        ;;
    '--address')
        return
        ;;
    '--category')
        return
        ;;
    '--capacity')
        return
        ;;
    '--timezone')
        return
        ;;
    '--currency')
        return
        ;;
    '--description')
        return
        ;;
    '--vat-rate')
        return
        ;;
    '--sales-start')
        return
        ;;
    '--sales-end')
        return
        ;;
    '--waitlist-offer')
        return
        ;;
    '--organizer')
        return
        ;;
    esac
}

_billetterie_event_update() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --title --starts-at --ends-at --venue --address --category --capacity --timezone --currency --description --vat-rate --sales-start --sales-end --waitlist-offer)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--title')
        return
        ;;
    '--starts-at')
        return
        ;;
    '--ends-at')
        return
        ;;
    '--venue')
        return
        ;;
    '--address')
        return
        ;;
    '--category')
        return
        ;;
    '--capacity')
        return
        ;;
    '--timezone')
        return
        ;;
    '--currency')
        return
        ;;
    '--description')
        return
        ;;
    '--vat-rate')
        return
        ;;
    '--sales-start')
        return
        ;;
    '--sales-end')
        return
        ;;
    '--waitlist-offer')
        return
        ;;
    esac
}

_billetterie_event_publish() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_cancel() {
    repeating_flags=()
    non_repeating_flags=(--json --yes --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --reason)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_billetterie_event_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_delete() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --limit --offset --query --category --venue --from --to --status)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '--query')
        return
        ;;
    '--category')
        return
        ;;
    '--venue')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--status')
        return
        ;;
    esac
}

_billetterie_event_tier() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|update)
        # Offer subcommand argument completions
        "_billetterie_event_tier_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list update' -- "${cur}"))
        ;;
    esac
}

_billetterie_event_tier_add() {
    repeating_flags=()
    non_repeating_flags=(--json --addon --no-addon --hidden --no-hidden --requires-admission --no-requires-admission --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --name --price --quota --max-per-order --sales-start --sales-end)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--name')
        return
        ;;
    '--price')
        return
        ;;
    '--quota')
        return
        ;;
    '--max-per-order')
        return
        ;;
    '--sales-start')
        return
        ;;
    '--sales-end')
        return
        ;;
    esac
}

_billetterie_event_tier_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_tier_update() {
    repeating_flags=()
    non_repeating_flags=(--json --addon --no-addon --hidden --no-hidden --requires-admission --no-requires-admission --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --name --price --quota --max-per-order --sales-start --sales-end)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--name')
        return
        ;;
    '--price')
        return
        ;;
    '--quota')
        return
        ;;
    '--max-per-order')
        return
        ;;
    '--sales-start')
        return
        ;;
    '--sales-end')
        return
        ;;
    esac
}

_billetterie_event_checkin-list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|remove)
        # Offer subcommand argument completions
        "_billetterie_event_checkin-list_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list remove' -- "${cur}"))
        ;;
    esac
}

_billetterie_event_checkin-list_add() {
    repeating_flags=()
    non_repeating_flags=(--json --multiple-entries --no-reentry --version -h --help)
    repeating_options=(--tier)
    non_repeating_options=(--db --outbox --name)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--name')
        return
        ;;
    '--tier')
        return
        ;;
    esac
}

_billetterie_event_checkin-list_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_checkin-list_remove() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_import() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_event_export() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --format -o --output)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--format')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_billetterie_ticket() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    reserve|sell|list|find|show|cancel|transfer|qr|pdf|import|export)
        # Offer subcommand argument completions
        "_billetterie_ticket_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'reserve sell list find show cancel transfer qr pdf import export' -- "${cur}"))
        ;;
    esac
}

_billetterie_ticket_reserve() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--item --attendee)
    non_repeating_options=(--db --outbox --event --tier --quantity --buyer --buyer-name --hold --voucher)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--item')
        return
        ;;
    '--tier')
        return
        ;;
    '--quantity')
        return
        ;;
    '--buyer')
        return
        ;;
    '--buyer-name')
        return
        ;;
    '--attendee')
        return
        ;;
    '--hold')
        return
        ;;
    '--voucher')
        return
        ;;
    esac
}

_billetterie_ticket_sell() {
    repeating_flags=()
    non_repeating_flags=(--json --qr --version -h --help)
    repeating_options=(--item)
    non_repeating_options=(--db --outbox --event --tier --quantity --method --amount --reference --buyer --buyer-name --voucher)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--item')
        return
        ;;
    '--tier')
        return
        ;;
    '--quantity')
        return
        ;;
    '--method')
        return
        ;;
    '--amount')
        return
        ;;
    '--reference')
        return
        ;;
    '--buyer')
        return
        ;;
    '--buyer-name')
        return
        ;;
    '--voucher')
        return
        ;;
    esac
}

_billetterie_ticket_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --limit --offset --event --order --buyer --status)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '--event')
        return
        ;;
    '--order')
        return
        ;;
    '--buyer')
        return
        ;;
    '--status')
        return
        ;;
    esac
}

_billetterie_ticket_find() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --limit --offset --event)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_ticket_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_ticket_cancel() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_ticket_transfer() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --to)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--to')
        return
        ;;
    esac
}

_billetterie_ticket_qr() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --format -o --output --scale)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--format')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--scale')
        return
        ;;
    esac
}

_billetterie_ticket_pdf() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox -o --output --paper)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--paper')
        return
        ;;
    esac
}

_billetterie_ticket_import() {
    repeating_flags=()
    non_repeating_flags=(--json --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --tier --paid-by)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--tier')
        return
        ;;
    '--paid-by')
        return
        ;;
    esac
}

_billetterie_ticket_export() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --format -o --output)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--format')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_billetterie_voucher() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|delete)
        # Offer subcommand argument completions
        "_billetterie_voucher_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show delete' -- "${cur}"))
        ;;
    esac
}

_billetterie_voucher_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--tier)
    non_repeating_options=(--db --outbox --event --code --count --discount --price --max-uses --valid-until --block)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--code')
        return
        ;;
    '--count')
        return
        ;;
    '--tier')
        return
        ;;
    '--discount')
        return
        ;;
    '--price')
        return
        ;;
    '--max-uses')
        return
        ;;
    '--valid-until')
        return
        ;;
    '--block')
        return
        ;;
    esac
}

_billetterie_voucher_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --limit --offset)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_billetterie_voucher_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_voucher_delete() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_waitlist() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    join|list|leave|run)
        # Offer subcommand argument completions
        "_billetterie_waitlist_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'join list leave run' -- "${cur}"))
        ;;
    esac
}

_billetterie_waitlist_join() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --tier --quantity --email --name)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--tier')
        return
        ;;
    '--quantity')
        return
        ;;
    '--email')
        return
        ;;
    '--name')
        return
        ;;
    esac
}

_billetterie_waitlist_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_waitlist_leave() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_waitlist_run() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_pay() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    record|list|show|receipt|seller|test-processor)
        # Offer subcommand argument completions
        "_billetterie_pay_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'record list show receipt seller test-processor' -- "${cur}"))
        ;;
    esac
}

_billetterie_pay_record() {
    repeating_flags=()
    non_repeating_flags=(--json --card-stdin --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --method --amount --reference --card --idempotency-key)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--method')
        return
        ;;
    '--amount')
        return
        ;;
    '--reference')
        return
        ;;
    '--card')
        return
        ;;
    '--idempotency-key')
        return
        ;;
    esac
}

_billetterie_pay_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --order)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--order')
        return
        ;;
    esac
}

_billetterie_pay_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_pay_receipt() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox -o --output --paper)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--paper')
        return
        ;;
    esac
}

_billetterie_pay_seller() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --name --address --vat-number)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--name')
        return
        ;;
    '--address')
        return
        ;;
    '--vat-number')
        return
        ;;
    esac
}

_billetterie_pay_test-processor() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_refund() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    issue|list|hand-back)
        # Offer subcommand argument completions
        "_billetterie_refund_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'issue list hand-back' -- "${cur}"))
        ;;
    esac
}

_billetterie_refund_issue() {
    repeating_flags=()
    non_repeating_flags=(--json --dry-run --version -h --help)
    repeating_options=(--ticket)
    non_repeating_options=(--db --outbox --amount --reason --idempotency-key)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--amount')
        return
        ;;
    '--ticket')
        return
        ;;
    '--reason')
        return
        ;;
    '--idempotency-key')
        return
        ;;
    esac
}

_billetterie_refund_list() {
    repeating_flags=()
    non_repeating_flags=(--json --owed --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --order --event)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--order')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_refund_hand-back() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_validate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|pack|exchange|merge)
        # Offer subcommand argument completions
        "_billetterie_validate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check pack exchange merge' -- "${cur}"))
        ;;
    esac
}

_billetterie_validate_check() {
    repeating_flags=()
    non_repeating_flags=(--json --stream --exit --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --gate --undo --pack --apply --list)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--gate')
        return
        ;;
    '--undo')
        return
        ;;
    '--pack')
        return
        ;;
    '--apply')
        return
        ;;
    '--list')
        return
        ;;
    esac
}

_billetterie_validate_pack() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event -o --output --unknown --update --list)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--unknown')
        return
        ;;
    '--update')
        return
        ;;
    '--list')
        return
        ;;
    esac
}

_billetterie_validate_exchange() {
    repeating_flags=()
    non_repeating_flags=(--json --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --pack -o --output)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--pack')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_billetterie_validate_merge() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_notify() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|remind|list|show|template|settings)
        # Offer subcommand argument completions
        "_billetterie_notify_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run remind list show template settings' -- "${cur}"))
        ;;
    esac
}

_billetterie_notify_run() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_notify_remind() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --within)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--within')
        return
        ;;
    esac
}

_billetterie_notify_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --limit --offset --status --event)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '--status')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_notify_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_notify_template() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|set|reset)
        # Offer subcommand argument completions
        "_billetterie_notify_template_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show set reset' -- "${cur}"))
        ;;
    esac
}

_billetterie_notify_template_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_notify_template_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --locale)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--locale')
        return
        ;;
    esac
}

_billetterie_notify_template_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --locale)
    __billetterie_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--locale')
        return
        ;;
    esac
}

_billetterie_notify_template_reset() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --locale)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--locale')
        return
        ;;
    esac
}

_billetterie_notify_settings() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --sender --locale --event --attach-pdf)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--sender')
        return
        ;;
    '--locale')
        return
        ;;
    '--event')
        return
        ;;
    '--attach-pdf')
        return
        ;;
    esac
}

_billetterie_report() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    sales|checkins|audit|door-list)
        # Offer subcommand argument completions
        "_billetterie_report_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'sales checkins audit door-list' -- "${cur}"))
        ;;
    esac
}

_billetterie_report_sales() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --format -o --output --event)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--format')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_report_checkins() {
    repeating_flags=()
    non_repeating_flags=(--json --inside --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --format -o --output --event --list)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--format')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--event')
        return
        ;;
    '--list')
        return
        ;;
    esac
}

_billetterie_report_audit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --format -o --output --since --event)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--format')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--since')
        return
        ;;
    '--event')
        return
        ;;
    esac
}

_billetterie_report_door-list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox --event --format --paper -o --output)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    '--event')
        return
        ;;
    '--format')
        return
        ;;
    '--paper')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_billetterie_backup() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_doctor() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --outbox)
    __billetterie_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--outbox')
        return
        ;;
    esac
}

_billetterie_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __billetterie_offer_flags_options -1
}

complete -o filenames -F _billetterie billetterie
