// The phrases live in lib/ so mail templates and the account page say the same words.
export { STAGE_PHRASES } from '@/lib/account/stage-phrases';
