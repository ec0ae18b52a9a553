import { describe, expect, it } from 'vitest';
import { parseBotCommand } from '../../src/bot/bot-command';

describe('parseBotCommand', () => {
  it.each([
    ['giúp', 'help'],
    ['Giúp!', 'help'],
    ['giup', 'help'],
    ['  Trợ giúp ', 'help'],
    ['/help', 'help'],
    ['/moi', 'new-topic'],
    ['/Mới', 'new-topic'],
    ['chủ đề mới', 'new-topic'],
  ])('reads "%s" as %s', (text, command) => {
    expect(parseBotCommand(text)).toBe(command);
  });

  it.each(['Giúp tôi tra cứu thủ tục đăng ký thường trú', 'mới ban hành nghị quyết nào?', 'giúp đỡ người có công'])('leaves the question "%s" to the assistant', (text) => {
    expect(parseBotCommand(text)).toBeUndefined();
  });
});
